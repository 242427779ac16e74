// Learners' sandboxes cannot reach each other, and their inner containers resolve names through the host's
// own DNS servers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';

const server = serverForThisFile('isolation');


test("one sandbox cannot reach another's published port", async () => {
  const [victim, prober] = await Promise.all([createSession(server.url), createSession(server.url)]);
  const victimInfo = await connectDocker().getContainer(`slipway-${victim.id}`).inspect();
  const victimIp = victimInfo.NetworkSettings.Networks[server.app.config.SLIPWAY_NETWORK]?.IPAddress;
  assert.ok(victimIp, 'the sandbox is on the sandbox network');

  const web = await TerminalClient.open(terminalUrl(server.wsUrl, victim));
  await web.waitForOutput(/[#$] $/m);
  // `docker run -d` returns before httpd listens (the port proxy then resets: 000): try for a few seconds.
  web.type('docker run -d -p 8080:80 busybox httpd -f -p 80 >/dev/null && for i in $(seq 50); do code=$(curl -s -m 3 -o /dev/null -w "%{http_code}" localhost:8080); [ "$code" != 000 ] && break; sleep 0.2; done; echo "own=$code"\r');
  await web.waitForOutput(/own=\d+/, 60_000);
  assert.match(web.text, /own=(200|404)/, 'the port answers inside its own sandbox');

  const probe = await TerminalClient.open(terminalUrl(server.wsUrl, prober));
  await probe.waitForOutput(/[#$] $/m);
  probe.type(`curl -s -m 3 -o /dev/null -w "code=%{http_code}\\n" http://${victimIp}:8080/; echo "curl-exit=$?"\r`);
  await probe.waitForOutput(/curl-exit=\d+/, 15_000);
  assert.match(probe.text, /code=000/, 'no HTTP answer from the other sandbox');
  assert.doesNotMatch(probe.text, /curl-exit=0\b/);

  const resolvers = server.app.host.dns;
  probe.type('docker run --rm busybox cat /etc/resolv.conf\r');
  await probe.waitForOutput(/nameserver/);
  if (resolvers.length > 0) assert.match(probe.text, new RegExp(`nameserver ${resolvers[0]?.replaceAll('.', '\\.')}`));
  web.close();
  probe.close();
});
