// Multi-node and preview timings on one session: adding a node (request to 201), a published port reaching
// the terminal's `ports` message (from the `docker run -d -p` returning), and a preview request's round trip
// on the preview origin, with the cookie a page's ports link gets.
import type { SessionInfo } from '../shared/contracts/api-schemas.ts';
import { authorized, previewCookie, terminalUrl } from '../tests/support/api-client.ts';
import { TerminalClient } from '../tests/support/terminal-client.ts';
import { round } from './stats.ts';

export async function measureNodes(baseUrl: string, wsBase: string, previewBase: string, session: SessionInfo): Promise<{ addNodeMs: number; portAnnouncedMs: number; previewMs: number }> {
  const started = performance.now();
  const added = await fetch(`${baseUrl}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  if (added.status !== 201) throw new Error(`adding a node answered ${added.status}: ${await added.text()}`);
  const addNodeMs = round(performance.now() - started);

  const terminal = await TerminalClient.open(terminalUrl(wsBase, session));
  await terminal.waitForOutput(/[#$] $/m);
  const announced = () => terminal.events.some((event) => event.type === 'ports' && event.ports.some((port) => port.port === 8081));
  terminal.type('mkdir -p /srv/bench && echo ok > /srv/bench/index.html && docker run -d -p 8081:80 -v /srv/bench:/www busybox httpd -f -p 80 -h /www >/dev/null && echo bench-""up\r');
  await terminal.waitForOutput(/bench-up/);
  const runReturned = performance.now();
  await terminal.waitFor(announced, 'port 8081 announced');
  const portAnnouncedMs = round(performance.now() - runReturned);

  const path = `/preview/${session.id}/node1/8081/`;
  const cookie = await previewCookie(previewBase, session, path);
  const url = `${previewBase}${path}`;
  await (await fetch(url, { headers: { cookie } })).text(); // warm the connection path once
  const previewStarted = performance.now();
  const page = await fetch(url, { headers: { cookie } });
  if ((await page.text()) !== 'ok\n') throw new Error(`the preview answered ${page.status}, not the page the container serves`);
  const previewMs = round(performance.now() - previewStarted);
  terminal.close();
  return { addNodeMs, portAnnouncedMs, previewMs };
}
