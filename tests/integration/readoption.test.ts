// A learner's session survives a server restart: the next server of the same instance and data directory
// re-adopts the running sandbox, the token still works, the learner's containers and progress are kept,
// and a reconnecting terminal gets a fresh shell. Reset replaces the sandbox under the same id and token.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { authorized, createSession, sessionStatus, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft, networksOf, sandboxesOf, uniqueInstance } from '../support/leftovers.ts';
import { temporaryFolder } from '../support/temporary-folder.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer, type TestServer } from '../support/test-server.ts';
import { ResetResponseSchema } from '../../shared/contracts/api-schemas.ts';
import { CloseCode } from '../../shared/contracts/protocol.ts';
import { hashToken } from '../../sandbox-server/sessions/session.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';

// Generous check timeouts: on a loaded machine a check that times out would not run again by itself.
const server = serverForThisFile('reset', { SLIPWAY_CHECK_TIMEOUT_S: '30' });
const instance = uniqueInstance('readopt');
const running = new Set<TestServer>();
// Data folders go with the file, after its servers closed: a closing server writes its records one last time.
const folders: (() => void)[] = [];
const temporaryDataDir = (prefix: string) => temporaryFolder({ after: (remove: () => void) => folders.push(remove) }, prefix);
const start = async (env: Record<string, string>) => {
  const started = await startTestServer({ SLIPWAY_INSTANCE: instance, SLIPWAY_CHECK_TIMEOUT_S: '30', ...env });
  running.add(started);
  return started;
};

after(async () => {
  for (const leftover of running) await leftover.close();
  for (const remove of folders) remove();
  await assertNoSandboxesLeft(instance);
});

test('a session survives a server restart: same token, inner containers and progress kept, a fresh shell', async (t) => {
  const dataDir = temporaryDataDir('slipway-readopt-');
  const first = await start({ SLIPWAY_DATA_DIR: dataDir });
  const session = await createSession(first.url);
  const terminal = await TerminalClient.open(terminalUrl(first.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('docker run --name keep busybox echo "Hello from my first container"\r');
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass');

  const stored = await readFile(path.join(dataDir, `sessions-${instance}.json`), 'utf8');
  assert.ok(!stored.includes(session.token), 'the token itself is never written to disk');
  assert.ok(stored.includes(hashToken(session.token).toString('hex')), 'its hash is');

  const live = first.app.sessions.get(session.id);
  assert.ok(live);
  await first.close({ keepSessions: true });
  running.delete(first);
  // What a check or an extension finishing after the restart began does: it must not write the (now empty)
  // list of sessions over the records the next server re-adopts.
  first.app.sessions.extend(live);
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

test('reset gives the session a fresh sandbox: same id and token, completed steps kept, a new shell on the open terminal', async () => {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('docker run --name before busybox echo "Hello from my first container"\r');
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass');
  const firstShell = terminal.shell()?.id;

  const response = await fetch(`${server.url}/api/sessions/${session.id}/reset`, authorized(session, { method: 'POST' }));
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(ResetResponseSchema.parse(await response.json()), { id: session.id, completed: ['run-hello'] }, 'the Reset dialog promises progress is kept');
  await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'shell').length === 2, 'a second shell frame');
  const shells = terminal.events.filter((event) => event.type === 'shell');
  assert.notEqual(shells[1]?.type === 'shell' && shells[1].id, firstShell);
  assert.equal(terminal.closeCode, undefined, 'the terminal stayed open');

  // Typed right away: keystrokes wait for the new shell, whose prompt may already be on screen.
  terminal.type('echo "count=$(docker ps -aq | wc -l)"\r');
  await terminal.waitForOutput(/^count=0\r?$/m);
  // The command typed runs the checks too, and a fresh sandbox has no stopped container: `clean-up` may rightly pass.
  assert.ok((await sessionStatus(server.url, session)).completed.includes('run-hello'), 'progress is kept');
  terminal.close();
  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
});

test('a multi-node session comes back with every node and its network; a reset leaves one fresh node1', async (t) => {
  const dataDir = temporaryDataDir('slipway-readopt-nodes-');
  const nodesInstance = uniqueInstance('readopt-nodes');
  const startNodes = async () => {
    const started = await startTestServer({ SLIPWAY_INSTANCE: nodesInstance, SLIPWAY_DATA_DIR: dataDir });
    running.add(started);
    return started;
  };
  t.after(() => assertNoSandboxesLeft(nodesInstance));
  const first = await startNodes();
  const session = await createSession(first.url);
  const added = await fetch(`${first.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal(added.status, 201, await added.clone().text());
  const marked = await runCommand(connectDocker().getContainer(`slipway-${session.id}-node2`), ['sh', '-c', 'echo kept-on-node2 > /root/marker']);
  assert.equal(marked.exitCode, 0, marked.output);

  await first.close({ keepSessions: true });
  running.delete(first);
  assert.equal((await sandboxesOf(nodesInstance)).length, 2, 'both nodes outlive the server');

  const second = await startNodes();
  assert.deepEqual((await sessionStatus(second.url, session)).nodes, ['node1', 'node2'], 'node2 is re-adopted by its labels');
  assert.deepEqual(await networksOf(nodesInstance), [`slipway-${session.id}-net`], 'the private network is kept');
  const node2 = await TerminalClient.open(`${terminalUrl(second.wsUrl, session)}&node=node2`);
  await node2.waitForOutput(/[#$] $/m);
  node2.type('cat /root/marker\r');
  await node2.waitForOutput(/^kept-on-node2\r?$/m);
  // The new server follows node2's ports with a watcher of its own, which ended the old server's.
  // The watcher starts in the background: wait (bounded) until the count settles, then it must be exactly one.
  const countWatchers = async () => (await runCommand(connectDocker().getContainer(`slipway-${session.id}-node2`), ['pgrep', '-cf', '^docker events'])).output.trim();
  let watchers = await countWatchers();
  for (let tries = 0; watchers !== '1' && tries < 40; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    watchers = await countWatchers();
  }
  assert.equal(watchers, '1', 'one port watcher per node after a restart');

  const reset = await fetch(`${second.url}/api/sessions/${session.id}/reset`, authorized(session, { method: 'POST' }));
  assert.equal(reset.status, 200, await reset.clone().text());
  assert.deepEqual((await sessionStatus(second.url, session)).nodes, ['node1'], 'the added node is gone after a reset');
  assert.equal((await sandboxesOf(nodesInstance)).length, 1);
  assert.deepEqual(await networksOf(nodesInstance), [], 'and so is the private network');
  await node2.waitForClose();
  assert.equal(node2.closeCode, CloseCode.unknownSession, "node2's terminal is told its node is gone");
  await second.close();
  running.delete(second);
});
