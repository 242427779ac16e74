// A session from creation to deletion on the real engine: a shell runs docker in the learner's own engine,
// and deleting the session leaves no container or volume behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorized, createSession, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft, sandboxesOf, volumeExists, volumesOfContainer } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('lifecycle', { SLIPWAY_RECONNECT_GRACE_S: '1' });


test('health reports the engine version', async () => {
  const response = await fetch(`${server.url}/api/health`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { ok: boolean; engine: { version?: string } };
  assert.equal(body.ok, true);
  assert.match(body.engine.version ?? '', /^\d+\.\d+/);
});

test('docker run in the terminal uses the session engine, and delete removes container and volumes', async () => {
  const session = await createSession(server.url);
  const [containerId] = await sandboxesOf(server.instance);
  assert.ok(containerId, 'the session has a sandbox container');
  const volumes = await volumesOfContainer(containerId);
  assert.ok(volumes.length > 0, 'the inner engine stores its data in a volume');

  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  terminal.control({ type: 'resize', cols: 100, rows: 30 });
  await terminal.waitForOutput(/node1:.*[#$] $/m);
  terminal.type('docker run --rm busybox echo h""i-from-busybox\r');
  await terminal.waitForOutput(/^hi-from-busybox\r?$/m);
  assert.ok(!terminal.output.includes('\x1b]7777;'), 'the prompt marker never reaches the client');

  const status = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session));
  assert.equal(status.status, 200);

  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
  await terminal.waitForClose();
  assert.equal(terminal.closeCode, 4410);
  await assertNoSandboxesLeft(server.instance);
  for (const volume of volumes) assert.equal(await volumeExists(volume), false, `volume ${volume} removed`);
  const again = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session));
  assert.equal(again.status, 404);
});

test('a shell whose socket closed is killed once the reconnect grace period is over', async () => {
  const session = await createSession(server.url);
  const first = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await first.waitForOutput(/[#$] $/m);
  first.type('sleep 1000 & echo started-$((6*7))\r');
  await first.waitForOutput(/started-42/);
  first.close();
  await first.waitForClose();

  const second = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await second.waitForOutput(/[#$] $/m);
  // After the 1 s grace the first shell got SIGHUP, and with it its background job.
  second.type('for i in $(seq 200); do pgrep -x sleep >/dev/null || break; sleep 0.3; done; echo "sleepers=$(pgrep -xc sleep)"\r');
  await second.waitForOutput(/sleepers=\d+/, 90_000);
  assert.match(second.text, /sleepers=0/, 'the background job ended with its shell');
  second.close();
  await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
});
