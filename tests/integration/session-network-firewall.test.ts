// With the host firewall on, a multi-node session's private network is covered like the shared one: node2
// (on that network's bridge) reaches an allowed host port but no other, nor the metadata address, and the
// network's rules go with the session. After a restart a re-adopted session's network is covered again and a
// crashed session's network is reaped with its rules. Like host-firewall.test.ts, the server's shared network is one of this
// file's own, so its rules touch no other test's sandboxes; both are taken out afterwards.
import { after, test } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { authorized, createSession, deleteSession, terminalUrl } from '../support/api-client.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { assertNoSandboxesLeft, uniqueInstance } from '../support/leftovers.ts';
import { assertFirewalled, hostServices, portOf } from '../support/firewall-probes.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer, type TestServer } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { bridgeOf, networkFirewall, removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';
import { ensureSandboxNetwork } from '../../sandbox-server/engine/sandbox-network.ts';
import { createSessionNetwork, sessionNetworkName } from '../../sandbox-server/engine/session-network.ts';

const docker = connectDocker();
const network = `slipway-test-fwnet-${process.pid}`;
const iptables = async (...args: string[]) => (await promisify(execFile)('iptables', ['-w', '5', ...args])).stdout;

const services = await hostServices();
await ensureSandboxNetwork(docker, network);

const firewalled = { SLIPWAY_NETWORK: network, SLIPWAY_FIREWALL: 'auto', SLIPWAY_HOST_PORTS_ALLOWED: String(portOf(services.allowed)) };
const server = serverForThisFile('firewall-nets', { ...firewalled, SLIPWAY_RECONNECT_GRACE_S: '1' });
const covered = async (sessionNetwork: string) => (await iptables('-S')).includes(`slipway:${sessionNetwork}`);

/** Gives the session node2, and with it its private network (returned). */
async function addNode(base: string, session: SessionInfo): Promise<string> {
  const added = await fetch(`${base}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal(added.status, 201, await added.text());
  return sessionNetworkName(session.id);
}

after(async () => {
  services.close();
  await removeHostFirewall(docker, network).catch(() => undefined);
  await docker.getNetwork(network).remove().catch(() => undefined);
});

test("a multi-node session's private network gets the host firewall, and loses it with the session", async (t) => {
  await server.ready;
  if (!server.app.firewall.enforced) return t.skip(`firewall not enforceable here: ${server.app.firewall.reason}`);

  const session = await createSession(server.url);
  const sessionNetwork = await addNode(server.url, session);
  const info = await docker.getNetwork(sessionNetwork).inspect();
  const gateway = (info.IPAM?.Config as { Gateway?: string }[] | undefined)?.find((config) => config.Gateway)?.Gateway;
  assert.ok(gateway, `${sessionNetwork} has a gateway`);
  const bridge = await bridgeOf(docker, sessionNetwork);
  const tag = `slipway:${sessionNetwork}`;
  assert.ok(await covered(sessionNetwork), `rules tagged ${tag} are installed`);

  const node2 = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&node=node2`);
  await node2.waitForOutput(/node2:.*[#$] $/m);
  await assertFirewalled(node2, gateway, services, 'the session network\'s gateway');

  // The session bridge's own chains stopped them: their DROP counters moved.
  const dropped = async (chain: string, pattern: RegExp) => Number(pattern.exec(await iptables('-L', chain, '-v', '-x', '-n'))?.[1]);
  assert.ok((await dropped(`SLIPWAY-IN-${bridge}`, /^\s*(\d+)\s+\d+\s+DROP\s/m)) > 0, 'the INPUT rule dropped the blocked probe');
  assert.ok((await dropped(`SLIPWAY-FW-${bridge}`, /^\s*(\d+)\s+\d+\s+DROP\s.*169\.254\.0\.0\/16/m)) > 0, 'the metadata rule dropped packets');
  node2.close();

  await deleteSession(server.url, session);
  const rules = await iptables('-S');
  assert.ok(!rules.includes(tag), `no rule tagged ${tag} is left:\n${rules}`);
  assert.ok(!rules.includes(`SLIPWAY-IN-${bridge}`) && !rules.includes(`SLIPWAY-FW-${bridge}`), `the chains of ${bridge} are gone`);
  assert.equal(await docker.getNetwork(sessionNetwork).inspect().then(() => true, () => false), false, `${sessionNetwork} is gone`);
});

test("after a restart a re-adopted session's network is covered again; a crashed session's network goes with its rules", async (t) => {
  await server.ready;
  if (!server.app.firewall.enforced) return t.skip(`firewall not enforceable here: ${server.app.firewall.reason}`);
  const instance = uniqueInstance('firewall-nets-restart');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'slipway-firewall-nets-'));
  const env = { ...firewalled, SLIPWAY_INSTANCE: instance, SLIPWAY_DATA_DIR: dataDir };
  let running: TestServer | undefined = await startTestServer(env);
  let crashed: string | undefined;
  try {
    const session = await createSession(running.url);
    const sessionNetwork = await addNode(running.url, session);
    assert.ok(await covered(sessionNetwork));
    await running.close({ keepSessions: true });
    running = undefined;
    // A host reboot loses the rules (the engine restarts the sandboxes): the next start must bring them back.
    await removeHostFirewall(docker, sessionNetwork);
    assert.ok(!(await covered(sessionNetwork)));
    // A session network a crash left without nodes, covered by the run that created it.
    crashed = await createSessionNetwork(docker, instance, `crashed-${process.pid}`, networkFirewall(docker, server.app.firewall, server.app.host.routing));
    assert.ok(await covered(crashed));

    running = await startTestServer(env);
    assert.ok(await covered(sessionNetwork), `the re-adopted session's network ${sessionNetwork} is covered again`);
    assert.ok(!(await covered(crashed)), `the reaped network ${crashed} took its rules with it`);
    assert.equal(await docker.getNetwork(crashed).inspect().then(() => true, () => false), false, `${crashed} is gone`);
    await deleteSession(running.url, session);
    assert.ok(!(await covered(sessionNetwork)), 'the rules left with the session');
  } finally {
    await running?.close();
    if (crashed) await networkFirewall(docker, server.app.firewall, server.app.host.routing).uncover(crashed);
    if (crashed) await docker.getNetwork(crashed).remove().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
  await assertNoSandboxesLeft(instance);
});
