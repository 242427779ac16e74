// Addresses that never collide (#15.1): inside a node, `docker swarm init` used to put docker_gwbridge on the
// first free 172.x/16, which on some hosts was the sandbox network's own subnet, hiding the gateway and the
// registry mirror behind it. Here the sandbox network is forced onto that subnet (172.18.0.0/16, the inner
// engine's first pick after its docker0) whenever the host has it free; then a node inits a swarm, runs a
// service whose image comes from the mirror, and pulls again. The inner engine's networks must stay in
// their pinned pool, clear of the sandbox network. The opposite collision, a sandbox network put on the inner
// engines' own pinned subnets (an operator's SLIPWAY_NETWORK), is refused at start-up: inside every node it
// would be shadowed by the inner engine's first network.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { deleteSession, createSession, terminalUrl } from '../support/api-client.ts';
import { shellOutput } from '../support/hostile.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';
import { INNER_ENGINE } from '../../sandbox-server/engine/sandbox-engine-layout.ts';

const docker = connectDocker();
const network = `slipway-test-pools-${process.pid}`;
const COLLIDING = '172.18.0.0/16';
const routes = (await promisify(execFile)('ip', ['route'])).stdout;
const forced = !routes.includes('172.18.');
await docker.createNetwork({
  Name: network,
  Driver: 'bridge',
  Options: { 'com.docker.network.bridge.enable_icc': 'false' },
  ...(forced ? { IPAM: { Config: [{ Subnet: COLLIDING }] } } : {}),
});
after(async () => {
  await removeHostFirewall(docker, network).catch(() => undefined);
  await docker.getNetwork(network).remove().catch(() => undefined);
});
const server = serverForThisFile('address-pools', { SLIPWAY_NETWORK: network });

test('a node on the subnet an inner engine would pick first runs a swarm service and still pulls from the mirror', async (t) => {
  await server.ready;
  if (!forced) t.diagnostic(`${COLLIDING} is in use on this host: the sandbox network got another subnet (the swarm and pulls are still checked)`);
  if (!server.app.host.registryMirror) return t.skip('no registry mirror here (npm run images)');
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  assert.match(await shellOutput(terminal, 'docker swarm init >/dev/null 2>&1; docker info --format "swarm={{.Swarm.LocalNodeState}}"'), /swarm=active/);
  await shellOutput(terminal, 'docker service create -q --name web --endpoint-mode dnsrr slipway/whoami >/dev/null 2>&1', 120_000);
  const state = await shellOutput(terminal, 'docker service ps web --format "{{.CurrentState}} {{.Error}}" | head -1', 30_000);
  assert.match(state, /^Running/, `the service's task runs with an image pulled from the mirror after swarm init: ${state}`);
  assert.match(await shellOutput(terminal, 'docker pull -q redis:7 >/dev/null 2>&1; echo "pull-exit=$?"', 120_000), /pull-exit=0/, 'a pull from the mirror still works');
  const subnets = (await shellOutput(terminal, "docker network inspect $(docker network ls -q --filter driver=bridge) --format '{{.Name}} {{range .IPAM.Config}}{{.Subnet}}{{end}}'")).trim().split(/\r?\n/);
  const own = (await docker.getNetwork(network).inspect()).IPAM?.Config?.[0]?.Subnet ?? '';
  const prefix = INNER_ENGINE.addressPool.split('.').slice(0, 2).join('.');
  for (const line of subnets) {
    const [name = '', subnet = ''] = line.split(' ');
    if (name === 'bridge') assert.equal(subnet, INNER_ENGINE.bip.replace(/\.1\//, '.0/'), 'docker0 on the pinned bip');
    else assert.ok(subnet.startsWith(`${prefix}.`), `${name} (${subnet}) comes from the pinned pool ${INNER_ENGINE.addressPool}, clear of the sandbox network ${own}`);
  }
  assert.ok(subnets.some((line) => line.startsWith('docker_gwbridge ')), `swarm made docker_gwbridge: ${subnets.join(', ')}`);
  terminal.close();
  await deleteSession(server.url, session);
});

test('a sandbox network on the subnet the inner engines take first is refused at start-up, in one sentence', async () => {
  const clashing = `slipway-test-clash-${process.pid}`;
  const first = INNER_ENGINE.addressPool.replace(/\/16$/, '/24'); // the inner pool's first /24 (docker_gwbridge's)
  await docker.createNetwork({ Name: clashing, Driver: 'bridge', IPAM: { Config: [{ Subnet: first }] } });
  try {
    await assert.rejects(
      startTestServer({ SLIPWAY_NETWORK: clashing, SLIPWAY_INSTANCE: `${server.instance}-clash` }),
      new RegExp(`^Error: Network ${clashing} \\(${first.replaceAll('.', '\\.')}\\) overlaps .*: give the sandboxes a network on another subnet\\.$`),
    );
  } finally {
    await docker.getNetwork(clashing).remove();
  }
});
