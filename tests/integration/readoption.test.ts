// A learner's session survives a server restart: the next server of the same instance and data directory
// re-adopts the running sandbox, the token still works, the learner's containers and progress are kept,
// and a reconnecting terminal gets a fresh shell. Reset replaces the sandbox under the same id and token.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authorized, createSession, sessionStatus, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft, sandboxesOf, uniqueInstance } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer, type TestServer } from '../support/test-server.ts';
import { ResetResponseSchema } from '../../src/shared/api-schemas.ts';
import { CloseCode } from '../../src/shared/protocol.ts';
import { hashToken } from '../../sandbox-server/sessions/session.ts';

// Generous check timeouts: on a loaded machine a check that times out would not run again by itself.
const server = serverForThisFile('reset', { SLIPWAY_CHECK_TIMEOUT_S: '30' });
const instance = uniqueInstance('readopt');
const running = new Set<TestServer>();
const start = async (env: Record<string, string>) => {
  const started = await startTestServer({ SLIPWAY_INSTANCE: instance, SLIPWAY_CHECK_TIMEOUT_S: '30', ...env });
  running.add(started);
  return started;
};

after(async () => {
  for (const leftover of running) await leftover.close();
  await assertNoSandboxesLeft(instance);
});

test('a session survives a server restart: same token, inner containers and progress kept, a fresh shell', async (t) => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'slipway-readopt-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const first = await start({ SLIPWAY_DATA_DIR: dataDir });
  const session = await createSession(first.url);
  const terminal = await TerminalClient.open(terminalUrl(first.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('docker run --name keep busybox echo "Hello from my first container"\r');
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass');

  const stored = await readFile(path.join(dataDir, `sessions-${instance}.json`), 'utf8');
  assert.ok(!stored.includes(session.token), 'the token itself is never written to disk');
  assert.ok(stored.includes(hashToken(session.token).toString('hex')), 'its hash is');

  await first.close({ keepSessions: true });
  running.delete(first);
  await terminal.waitForClose();
  assert.equal(terminal.closeCode, CloseCode.serverRestart, 'the terminal is told to reconnect');
  assert.equal((await sandboxesOf(instance)).length, 1, 'the sandbox outlives the server');

  const restarted = performance.now();
  const second = await start({ SLIPWAY_DATA_DIR: dataDir });
  t.diagnostic(`restart with re-adoption: ${Math.round(performance.now() - restarted)} ms until the new server is up`);
  const status = await sessionStatus(second.url, session);
  assert.equal(status.state, 'ready');
  assert.deepEqual(status.completed, ['run-hello'], 'progress is kept');

  const again = await TerminalClient.open(`${terminalUrl(second.wsUrl, session)}&shell=${terminal.shell()?.id ?? ''}`);
  await again.waitFor(() => again.shell() !== undefined, 'a shell frame');
  assert.equal(again.shell()?.restored, false, 'screens do not survive a restart: a fresh shell');
  await again.waitFor(() => again.events.some((event) => event.type === 'progress' && event.completed.includes('run-hello')), 'the progress event');
  await again.waitForOutput(/[#$] $/m);
  again.type('docker ps -a --format "name={{.Names}}"\r');
  await again.waitForOutput(/^name=keep\r?$/m);
  again.close();

  await second.close();
  running.delete(second);
  const third = await start({ SLIPWAY_DATA_DIR: dataDir });
  const ended = await fetch(`${third.url}/api/sessions/${session.id}`, authorized(session));
  assert.equal(ended.status, 404, 'a session ended by a normal shutdown is not re-adopted');
});

test('reset gives the session a fresh sandbox: same id and token, progress cleared, a new shell on the open terminal', async () => {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('docker run --name before busybox echo "Hello from my first container"\r');
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass');
  const firstShell = terminal.shell()?.id;

  const response = await fetch(`${server.url}/api/sessions/${session.id}/reset`, authorized(session, { method: 'POST' }));
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(ResetResponseSchema.parse(await response.json()), { id: session.id, completed: [] });
  await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'shell').length === 2, 'a second shell frame');
  const shells = terminal.events.filter((event) => event.type === 'shell');
  assert.notEqual(shells[1]?.type === 'shell' && shells[1].id, firstShell);
  assert.equal(terminal.closeCode, undefined, 'the terminal stayed open');

  // Typed right away: keystrokes wait for the new shell, whose prompt may already be on screen.
  terminal.type('echo "count=$(docker ps -aq | wc -l)"\r');
  await terminal.waitForOutput(/^count=0\r?$/m);
  assert.deepEqual((await sessionStatus(server.url, session)).completed, []);
  terminal.close();
  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
});
