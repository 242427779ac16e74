// Port preview on the real engine: a port published inside a node appears in the `ports` message and the
// ports API, is served through /preview/… with the session's token only, and disappears when its container
// stops. node2's ports are reachable too, after node1 moved to the session's private network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { PortsResponseSchema, type SessionInfo } from '../../shared/contracts/api-schemas.ts';
import type { PreviewPort } from '../../shared/contracts/protocol.ts';
import { authorized, createSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('preview', { SLIPWAY_RECONNECT_GRACE_S: '1' });

/** The HTTP status a websocket upgrade to `url` is answered with when it is not switched. */
function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => reject(new Error('the upgrade was switched')));
    socket.once('error', reject);
  });
}

/** The ports in the latest `ports` message the terminal received. */
function latestPorts(terminal: TerminalClient): PreviewPort[] | undefined {
  const event = terminal.events.findLast((candidate) => candidate.type === 'ports');
  return event?.type === 'ports' ? event.ports : undefined;
}

const serveHtml = (text: string) =>
  `mkdir -p /srv/www && echo '<a href="page.html">${text}</a>' > /srv/www/index.html && ` +
  `docker run -d --name web -p 8080:80 -v /srv/www:/www busybox httpd -f -p 80 -h /www >/dev/null && echo web-""started\r`;

/** A ports link as the page opens it: on the site, sent on to the preview origin, token traded for a cookie there. */
async function previewFetch(session: SessionInfo, url: string): Promise<{ status: number; body: string }> {
  const link = `${url}?token=${encodeURIComponent(session.token)}`;
  const onSite = await fetch(`${server.url}${link}`, { redirect: 'manual' });
  assert.equal(onSite.status, 307, 'the site sends previews on to their own origin');
  assert.equal(onSite.headers.get('location'), `${server.previewUrl}${link}`);
  const first = await fetch(`${server.previewUrl}${link}`, { redirect: 'manual' });
  assert.equal(first.status, 303, 'the token is traded for a cookie');
  const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  assert.equal(first.headers.get('location'), url);
  const page = await fetch(`${server.previewUrl}${url}`, { headers: { cookie } });
  return { status: page.status, body: await page.text() };
}

test('a published port is announced, proxied with the token only, and gone when its container stops', async () => {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitFor(() => latestPorts(terminal) !== undefined, 'the ports message on connect');
  assert.deepEqual(latestPorts(terminal), []);
  await terminal.waitForOutput(/[#$] $/m);

  terminal.type(serveHtml('hello-preview'));
  await terminal.waitForOutput(/web-started/);
  const url = `/preview/${session.id}/node1/8080/`;
  await terminal.waitFor(() => latestPorts(terminal)?.length === 1, 'port 8080 in a ports message');
  assert.deepEqual(latestPorts(terminal), [{ node: 'node1', port: 8080, url, container: 'web' }], 'with the container that publishes it');
  const listed = await fetch(`${server.url}/api/sessions/${session.id}/ports`, authorized(session));
  assert.deepEqual(PortsResponseSchema.parse(await listed.json()), { ports: [{ node: 'node1', port: 8080, url, container: 'web' }] });

  const page = await previewFetch(session, url);
  assert.equal(page.status, 200);
  assert.match(page.body, /hello-preview/);
  for (const path of ['/', '/api/health', `/api/sessions/${session.id}`]) {
    assert.equal((await fetch(`${server.previewUrl}${path}`, authorized(session))).status, 404, `the preview origin serves no ${path}`);
  }
  const anonymous = await fetch(`${server.previewUrl}${url}`);
  assert.equal(anonymous.status, 401);
  const wrong = await fetch(`${server.previewUrl}${url}?token=not-the-token`);
  assert.equal(wrong.status, 401);
  const other = await createSession(server.url);
  const crossed = await fetch(`${server.previewUrl}${url}?token=${encodeURIComponent(other.token)}`);
  assert.equal(crossed.status, 401, "another session's token does not open this preview");
  await fetch(`${server.url}/api/sessions/${other.id}`, authorized(other, { method: 'DELETE' }));

  // Websocket upgrades go through the same door: refused without the token; with it they reach the app
  // (busybox httpd does not speak websockets and answers with the page, which is passed on).
  const wsUrl = `${server.previewUrl.replace('http:', 'ws:')}${url}`;
  assert.equal(await refusedUpgrade(`${server.wsUrl}${url}`, { cookie: `slipway_preview=${encodeURIComponent(session.token)}` }), 404, 'never on the site origin');
  assert.equal(await refusedUpgrade(wsUrl), 401);
  assert.equal(await refusedUpgrade(wsUrl, { cookie: `slipway_preview=${encodeURIComponent(session.token)}` }), 200);

  terminal.type('docker stop -t 0 web >/dev/null && echo web-""stopped\r');
  await terminal.waitForOutput(/web-stopped/);
  await terminal.waitFor(() => latestPorts(terminal)?.length === 0, 'port 8080 gone from the ports message');
  const closed = await fetch(`${server.previewUrl}${url}`, { headers: { cookie: `slipway_preview=${session.token}` } });
  assert.equal(closed.status, 502);
  assert.match(((await closed.json()) as { error: string }).error, /Nothing answered on node1 port 8080/);

  terminal.close();
  await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
});

test("node2's published port is previewed through its own address", async () => {
  const session = await createSession(server.url);
  const added = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal(added.status, 201);
  const watcher = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  const node2 = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&node=node2`);
  await node2.waitForOutput(/node2:.*[#$] $/m);
  node2.type(serveHtml('served-by-node2'));
  await node2.waitForOutput(/web-started/);
  const url = `/preview/${session.id}/node2/8080/`;
  await watcher.waitFor(() => latestPorts(watcher)?.some((port) => port.url === url) ?? false, "node2's port in the node1 terminal's ports message");
  const page = await previewFetch(session, url);
  assert.equal(page.status, 200);
  assert.match(page.body, /served-by-node2/);

  const removed = await fetch(`${server.url}/api/sessions/${session.id}/nodes/node2`, authorized(session, { method: 'DELETE' }));
  assert.equal(removed.status, 204);
  await watcher.waitFor(() => latestPorts(watcher)?.length === 0, "node2's port gone with node2");
  watcher.close();
  await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
});
