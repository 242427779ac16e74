// A bounded soak on the real engine: sessions are created, used (commands, checks, a preview, a reset, a node
// added and removed) and ended in a loop, beside one long-lived session whose terminal is opened and closed
// every round. At the end nothing is left: no container, volume, session network or firewall rule, no extra
// shell or port watcher in the long-lived sandbox, and the server's heap is back within 10 % of where it was
// after the first round. SLIPWAY_SOAK_S sets the duration: 180 s in npm test (2 cores: a cold .ci/run stays
// under 45 minutes), 3600 for the hour-long run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { promisify } from 'node:util';
import { authorized, createSession, deleteSession, previewCookie, terminalUrl } from '../support/api-client.ts';
import { networksOf, sandboxesOf, volumeExists, volumesOfContainer } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { readUntil } from '../support/read-until.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';
import { ensureSandboxNetwork } from '../../sandbox-server/engine/sandbox-network.ts';
import { sessionNetworkName } from '../../sandbox-server/engine/session-network.ts';

const SOAK_S = Number(process.env.SLIPWAY_SOAK_S ?? 180);
/** Inner `docker run`s take tens of seconds when the machine is busy (2 cores, every test file at once). */
const SLOW = 180_000;
const docker = connectDocker();
const network = `slipway-test-soak-${process.pid}`;
await ensureSandboxNetwork(docker, network);
const server = serverForThisFile('soak', { SLIPWAY_NETWORK: network, SLIPWAY_FIREWALL: 'auto', SLIPWAY_RECONNECT_GRACE_S: '1', SLIPWAY_CHECK_TIMEOUT_S: '30' });
after(async () => {
  await removeHostFirewall(docker, network).catch(() => undefined);
  await docker.getNetwork(network).remove().catch(() => undefined);
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const rules = async () => (await promisify(execFile)('iptables', ['-w', '5', '-S'])).stdout;
const ok = async (response: Promise<Response>, status: number, what: string) => {
  const answered = await response;
  assert.equal(answered.status, status, `${what}: ${await answered.text()}`);
};

/** One learner's whole session: every kind of use, then its end. Returns what it created on the engine. */
async function oneRound(): Promise<{ volumes: string[]; network: string }> {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  try {
    await terminal.waitForOutput(/[#$] $/m, SLOW);
    terminal.type('docker run busybox echo "Hello from my first container"\r');
    await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to tick', SLOW);
    await ok(fetch(`${server.url}/api/sessions/${session.id}/steps/run-hello/check`, authorized(session, { method: 'POST' })), 200, 'a check');

    terminal.type('mkdir -p /srv/soak && echo soaked > /srv/soak/index.html && docker run -d -p 8080:80 -v /srv/soak:/www busybox httpd -f -p 80 -h /www >/dev/null\r');
    await terminal.waitFor(() => terminal.events.some((event) => event.type === 'ports' && event.ports.some((port) => port.port === 8080)), 'port 8080 announced', SLOW);
    // As the page opens a ports link: on the preview origin, the token traded for a cookie.
    const path = `/preview/${session.id}/node1/8080/`;
    // Announced when the container starts, perhaps before httpd listens: a preview may answer 502 at first.
    const cookie = await previewCookie(server.previewUrl, session, path);
    const page = await readUntil(async () => (await fetch(`${server.previewUrl}${path}`, { headers: { cookie } })).text(), (text) => text === 'soaked\n', 30_000);
    assert.equal(page, 'soaked\n', 'the preview answers');

    const volumes = (await Promise.all((await sandboxesOf(server.instance)).map((id) => volumesOfContainer(id)))).flat();
    await ok(fetch(`${server.url}/api/sessions/${session.id}/reset`, authorized(session, { method: 'POST' })), 200, 'a reset');
    await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'shell').length === 2, 'a shell after the reset', SLOW);
    await ok(fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' })), 201, 'adding node2');
    await ok(fetch(`${server.url}/api/sessions/${session.id}/nodes/node2`, authorized(session, { method: 'DELETE' })), 204, 'removing node2');
    volumes.push(...(await Promise.all((await sandboxesOf(server.instance)).map((id) => volumesOfContainer(id)))).flat());
    return { volumes, network: sessionNetworkName(session.id) };
  } finally {
    terminal.close();
    await deleteSession(server.url, session);
  }
}

async function visit(longLived: SessionInfo): Promise<void> {
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, longLived));
  await terminal.waitForOutput(/[#$] $/m, SLOW);
  terminal.type('docker ps -q | wc -l\r');
  await terminal.waitForOutput(/^\d+\r?$/m, SLOW);
  terminal.close();
}

test(`soak for ${SOAK_S} s: sessions come and go, nothing leaks`, { timeout: (SOAK_S + 900) * 1000 }, async (t) => {
  await server.ready;
  const longLived = await createSession(server.url);
  const volumes: string[] = [];
  const networks: string[] = [];
  const record = (round: { volumes: string[]; network: string }) => {
    volumes.push(...round.volumes);
    networks.push(round.network);
  };
  const deadline = Date.now() + SOAK_S * 1000;
  record(await oneRound()); // the first round warms every code path up before memory is measured
  await visit(longLived);
  const heapAtStart = heapAfterGc();
  let rounds = 1;
  while (Date.now() < deadline) {
    record(await oneRound());
    await visit(longLived);
    rounds += 1;
  }
  const heapAtEnd = heapAfterGc();
  t.diagnostic(`${rounds} rounds in ${SOAK_S} s; heap ${Math.round(heapAtStart / 2 ** 20)} → ${Math.round(heapAtEnd / 2 ** 20)} MiB`);

  // The long-lived session's last shell ends after its 1 s grace, through an exec a loaded engine may answer late.
  const sandbox = docker.getContainer(`slipway-${longLived.id}`);
  const census = async () => (await runCommand(sandbox, ['sh', '-c', 'echo "shells=$(pgrep -c -f "^bash --login") watchers=$(pgrep -c -f "^docker events")"'])).output.trim();
  const processes = await readUntil(census, (counts) => counts === 'shells=0 watchers=1', 60_000);
  assert.equal(processes, 'shells=0 watchers=1', 'the long-lived sandbox has no leftover shell and one port watcher');
  await deleteSession(server.url, longLived);
  assert.deepEqual(await sandboxesOf(server.instance), [], 'no container left');
  assert.deepEqual(await networksOf(server.instance), [], 'no session network left');
  const left = await rules();
  for (const name of networks) assert.ok(!left.includes(`slipway:${name}`), `no firewall rule of ${name} left`);
  for (const volume of new Set(volumes)) assert.equal(await volumeExists(volume), false, `volume ${volume} removed`);
  assert.equal(server.app.sessions.all().length, 0, 'the server holds no session');
  assert.ok(heapAtEnd <= heapAtStart * 1.1, `the server's heap grew from ${heapAtStart} to ${heapAtEnd} bytes (over 10 %)`);
});
