// A warm sandbox comes with node1's login shell already started: the session's first terminal adopts it (its
// prompt at once, no new exec), a reset hands over the next warm one, and one never adopted ends with the session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorized, createSession, terminalUrl } from '../support/api-client.ts';
import { sandboxesOf } from '../support/leftovers.ts';
import { readUntil } from '../support/read-until.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';

const docker = connectDocker();
const server = serverForThisFile('warm-shell', { SLIPWAY_POOL_SIZE: '1', SLIPWAY_MAX_SESSIONS: '3', SLIPWAY_CHECK_TIMEOUT_S: '30' });

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  // 90 s: a loaded machine starts sandboxes slowly.
  assert.ok(await readUntil(async () => condition(), Boolean, 90_000, 100), `timed out waiting for ${what}`);
}

/** Ids of the login shells running in a sandbox: every shell exec writes its pid file, a killed one removes it. */
async function shellsIn(containerId: string): Promise<string[]> {
  const { output } = await runCommand(docker.getContainer(containerId), ['sh', '-c', 'ls /run/slipway 2>/dev/null || true']);
  return [...output.matchAll(/shell-([0-9a-f]+)\.pid/g)].map((match) => match[1] ?? '');
}

/** The warm sandbox's id and its pre-started shell's id, once the pool has one ready. */
async function warmSandbox(taken: Set<string>): Promise<{ container: string; shell: string }> {
  await until(() => server.app.sessions.poolState().ready === 1, 'the pool to warm a sandbox');
  const container = (await sandboxesOf(server.instance)).find((id) => !taken.has(id));
  assert.ok(container, 'the warm sandbox is on the engine');
  let shells: string[] = [];
  await until(async () => (shells = await shellsIn(container)).length > 0, 'the warm shell to start');
  assert.equal(shells.length, 1, 'one login shell is pre-started per warm sandbox');
  return { container, shell: shells[0] ?? '' };
}

test('the first terminal adopts the pre-started shell: its prompt, no new exec, checks after its commands; a reset adopts the next one', async () => {
  const taken = new Set<string>();
  const warm = await warmSandbox(taken);
  taken.add(warm.container);
  const session = await createSession(server.url);
  assert.equal((await docker.getContainer(`slipway-${session.id}`).inspect()).Id, warm.container, 'the session got the warm sandbox');

  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/node1:~# $/m);
  assert.deepEqual(terminal.shell(), { id: warm.shell, restored: true }, 'the pre-started shell, its screen sent as a snapshot');
  assert.deepEqual(await shellsIn(warm.container), [warm.shell], 'no second shell was started');
  assert.equal(terminal.text.match(/node1:~# /g)?.length, 1, 'the first prompt is shown once');
  assert.equal(terminal.events.some((event) => event.type === 'check'), false, 'its first prompt triggered no check');

  // Adopted, its prompt markers run the checks like any terminal's shell.
  terminal.type('docker run busybox echo "Hello from my first container"\r');
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass', 90_000);

  const next = await warmSandbox(taken);
  taken.add(next.container);
  const response = await fetch(`${server.url}/api/sessions/${session.id}/reset`, authorized(session, { method: 'POST' }));
  assert.equal(response.status, 200, await response.clone().text());
  await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'shell').length === 2, 'a second shell frame');
  const shells = terminal.events.filter((event) => event.type === 'shell');
  assert.deepEqual(shells[1], { type: 'shell', id: next.shell, restored: true }, 'the reset sandbox came with its shell');
  terminal.type('echo "count=$(docker ps -aq | wc -l)"\r');
  // The first docker command in the new sandbox, while the old one is removed and the pool warms another.
  await terminal.waitForOutput(/^count=0\r?$/m, 60_000);
  assert.deepEqual(await shellsIn(next.container), [next.shell]);

  terminal.close();
  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
});

test('a pre-started shell nobody adopted is killed with its session', async () => {
  const warm = await warmSandbox(new Set());
  const session = await createSession(server.url);
  const live = server.app.sessions.get(session.id);
  assert.ok(live);
  const shell = live.shells.get(warm.shell);
  assert.ok(shell?.alive, 'the session holds the warm shell for its first terminal');

  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
  assert.equal(shell.alive, false, 'the shell ended with the session');
  assert.equal(live.shells.size, 0);
  assert.equal(live.takePreStarted(), undefined, 'nothing is left to adopt');
});
