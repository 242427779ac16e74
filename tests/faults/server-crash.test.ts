// kill -9 of the server, on the real engine, with the host firewall on (on a sandbox network of this file's
// own, like host-firewall.test.ts). During active sessions: the next start re-adopts every running session
// (tokens, nodes, private network and its firewall rules, the learner's containers) and ends the login shells
// the crashed server left behind. During a session start: nothing half-created survives the next start (no
// container, volume, network or firewall rule).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { authorized, createSession, deleteSession, JSON_HEADERS, sessionStatus, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft, networksOf, sandboxesOf, uniqueInstance, volumeExists, volumesOfContainer } from '../support/leftovers.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { startTestServer } from '../support/test-server.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';
import { ensureSandboxNetwork } from '../../sandbox-server/engine/sandbox-network.ts';
import { sessionNetworkName } from '../../sandbox-server/engine/session-network.ts';

const docker = connectDocker();
/** Inner `docker run`s take tens of seconds when the machine is busy (2 cores, every test file at once). */
const SLOW = 180_000;
const network = `slipway-test-crash-${process.pid}`;
const rules = async () => (await promisify(execFile)('iptables', ['-w', '5', '-S'])).stdout;
await ensureSandboxNetwork(docker, network);
/** Each test's server instance, with its own data folder, and the process running it now. */
const servers: { env: Record<string, string>; running?: ServerProcess }[] = [];
async function instanceOf(name: string): Promise<{ instance: string; start: () => Promise<ServerProcess> }> {
  const instance = uniqueInstance(name);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'slipway-crash-'));
  const entry: (typeof servers)[number] = { env: { SLIPWAY_INSTANCE: instance, SLIPWAY_DATA_DIR: dataDir, SLIPWAY_NETWORK: network, SLIPWAY_FIREWALL: 'auto', SLIPWAY_READY_TIMEOUT_S: '180' } };
  servers.push(entry);
  return { instance, start: async () => (entry.running = await startServerProcess(entry.env)) };
}

after(async () => {
  for (const { env, running } of servers) {
    await running?.stop();
    // A last server that ends whatever is left, then the data folder.
    await (await startTestServer(env)).close();
    await assertNoSandboxesLeft(env.SLIPWAY_INSTANCE ?? '');
    await rm(env.SLIPWAY_DATA_DIR ?? '', { recursive: true, force: true });
  }
  await removeHostFirewall(docker, network).catch(() => undefined);
  await docker.getNetwork(network).remove().catch(() => undefined);
});

const loginShells = async (container: string) => (await runCommand(docker.getContainer(container), ['sh', '-c', 'pgrep -c -f "^bash --login" || true'])).output.trim();

test('kill -9 during active sessions: the next start re-adopts them all, firewall rules included, and ends the old shells', async () => {
  const { instance, start } = await instanceOf('crash-active');
  const first = await start();
  const [single, multi] = await Promise.all([createSession(first.url), createSession(first.url)]);
  const added = await fetch(`${first.url}/api/sessions/${multi.id}/nodes`, authorized(multi, { method: 'POST' }));
  assert.equal(added.status, 201, await added.text());
  const terminal = await TerminalClient.open(terminalUrl(first.wsUrl, single));
  await terminal.waitForOutput(/[#$] $/m, SLOW);
  terminal.type('docker run --name keep busybox true && echo "kept-$((2 + 2))"\r');
  await terminal.waitForOutput(/^kept-4\r?$/m, SLOW);
  assert.equal(await loginShells(`slipway-${single.id}`), '1');

  await first.crash();
  assert.equal((await sandboxesOf(instance)).length, 3, 'every node outlives the crash');

  const second = await start();
  assert.equal((await sessionStatus(second.url, single)).state, 'ready', 'the single-node session is re-adopted, its token still good');
  assert.deepEqual((await sessionStatus(second.url, multi)).nodes, ['node1', 'node2'], 'so is the multi-node one, with node2');
  assert.ok((await rules()).includes(`slipway:${sessionNetworkName(multi.id)}`), 'its private network is firewalled again');
  assert.equal(await loginShells(`slipway-${single.id}`), '0', "the crashed server's login shell was ended");

  const again = await TerminalClient.open(terminalUrl(second.wsUrl, single));
  await again.waitForOutput(/[#$] $/m, SLOW);
  again.type('docker ps -a --format "name={{.Names}}"\r');
  await again.waitForOutput(/^name=keep\r?$/m, SLOW);
  again.close();

  const volumes = (await Promise.all((await sandboxesOf(instance)).map((id) => volumesOfContainer(id)))).flat();
  await Promise.all([deleteSession(second.url, single), deleteSession(second.url, multi)]);
  assert.deepEqual(await sandboxesOf(instance), []);
  assert.deepEqual(await networksOf(instance), []);
  assert.ok(!(await rules()).includes(`slipway:${sessionNetworkName(multi.id)}`), 'the private network took its rules with it');
  for (const volume of volumes) assert.equal(await volumeExists(volume), false, `volume ${volume} removed`);
  await second.stop();
});

test('kill -9 during a session start: the next start leaves nothing half-created', async () => {
  const { instance, start } = await instanceOf('crash-start');
  const first = await start();
  // A two-node lesson: its start creates node1, a private network with firewall rules, then node2.
  let answered = 'nothing (still starting)';
  const pending = fetch(`${first.url}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson: 'swarm-mode' }) }).then(
    async (response) => (answered = `${response.status} ${await response.text()}`),
    () => undefined,
  );
  let created: string[] = [];
  const networks = new Set<string>();
  // Crash once node2 is on its way (the private network exists), or at the latest once node1 is up.
  for (let tries = 0; tries < 900 && networks.size === 0 && created.length < 2; tries += 1) {
    created = await sandboxesOf(instance);
    for (const name of await networksOf(instance)) networks.add(name);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(created.length > 0, `a sandbox was being created (the start answered ${answered})`);
  const volumes = (await Promise.all(created.map((id) => volumesOfContainer(id).catch(() => [])))).flat();
  await first.crash();
  await pending;

  const second = await start();
  assert.deepEqual(await sandboxesOf(instance), [], 'the half-started sandbox is gone');
  assert.deepEqual(await networksOf(instance), [], 'no session network is left');
  for (const name of networks) assert.ok(!(await rules()).includes(`slipway:${name}`), `no rules of ${name} are left`);
  for (const volume of volumes) assert.equal(await volumeExists(volume), false, `volume ${volume} removed`);
  const fresh = await createSession(second.url);
  await deleteSession(second.url, fresh);
  await second.stop();
});
