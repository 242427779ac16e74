// A hostile learner against another learner's sandbox: connecting to it or to a node of its private network
// must fail, and so must spoofing its address (ARP: claiming the victim's IP towards the host, or the
// gateway's towards the victim), so the host's traffic for the victim (previews, pulls) still reaches the
// victim and the victim's traffic still reaches the host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { authorized, deleteSession } from '../support/api-client.ts';
import { hostileServer, hostileSession, shellOutput } from '../support/hostile.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { bridgeOf } from '../../sandbox-server/engine/host-firewall.ts';
import { networkGateway } from '../../sandbox-server/engine/sandbox-network.ts';

const setup = hostileServer('hostile-peers');
const { server } = setup;
const docker = connectDocker();
const run = promisify(execFile);

const addressOn = async (container: string, network?: string) => {
  const networks = (await docker.getContainer(container).inspect()).NetworkSettings.Networks;
  return (network ? networks[network] : Object.values(networks)[0])?.IPAddress ?? '';
};

test("another learner's sandbox and nodes cannot be reached, nor its address spoofed", async () => {
  await server.ready;
  const [victim, attacker] = await Promise.all([hostileSession(server), hostileSession(server)]);
  const gateway = await networkGateway(docker, setup.network);
  const bridge = await bridgeOf(docker, setup.network);
  const victimIp = await addressOn(`slipway-${victim.session.id}`, setup.network);
  const page = (text: string) => `mkdir -p /root/www && echo ${text} > /root/www/index.html && docker run -d -p 8080:80 -v /root/www:/www busybox httpd -f -p 80 -h /www >/dev/null; sleep 1`;

  await shellOutput(victim.terminal, page('victim-page'));
  const fromHost = async () => (await fetch(`http://${victimIp}:8080/`, { signal: AbortSignal.timeout(5000) })).text();
  assert.equal((await fromHost()).trim(), 'victim-page', 'the host reaches the victim (the control: previews go this way)');

  const reach = (address: string) => shellOutput(attacker.terminal, `curl -s -m 3 http://${address}:8080/; echo "exit=$?"`);
  assert.doesNotMatch(await reach(victimIp), /victim-page|exit=0\b/, "the attacker cannot open a connection to the victim's sandbox");

  // Spoofing: the attacker serves its own page, claims the victim's address towards the host, and the
  // gateway's towards the victim.
  await shellOutput(attacker.terminal, page('attacker-page'));
  await shellOutput(attacker.terminal, `ip addr add ${victimIp}/32 dev eth0; ping -c 3 -I ${victimIp} ${gateway} >/dev/null 2>&1; ip addr add ${gateway}/32 dev eth0; ping -c 3 -I ${gateway} ${victimIp} >/dev/null 2>&1; true`);
  assert.equal((await fromHost()).trim(), 'victim-page', "the host still reaches the victim at the victim's address");
  const { stdout: neighbour } = await run('ip', ['neigh', 'show', victimIp, 'dev', bridge]);
  const victimMac = (await docker.getContainer(`slipway-${victim.session.id}`).inspect()).NetworkSettings.Networks[setup.network]?.MacAddress ?? '';
  assert.match(neighbour, new RegExp(`lladdr ${victimMac}`, 'i'), `the host's neighbour entry for ${victimIp} is still the victim's MAC`);
  const { stdout: bridgeMac } = await run('cat', [`/sys/class/net/${bridge}/address`]);
  const seenByVictim = await shellOutput(victim.terminal, `ping -c 1 -W 2 ${gateway} >/dev/null; ip neigh show ${gateway}`);
  assert.match(seenByVictim, new RegExp(`lladdr ${bridgeMac.trim()}`, 'i'), "the victim's neighbour entry for its gateway is still the host's bridge");

  // With a second node the victim moves to its session's private network: neither node is reachable.
  const added = await fetch(`${server.url}/api/sessions/${victim.session.id}/nodes`, authorized(victim.session, { method: 'POST' }));
  assert.equal(added.status, 201);
  await shellOutput(attacker.terminal, `ip addr del ${victimIp}/32 dev eth0; ip addr del ${gateway}/32 dev eth0; true`);
  for (const node of [`slipway-${victim.session.id}`, `slipway-${victim.session.id}-node2`]) {
    const address = await addressOn(node);
    assert.doesNotMatch(await shellOutput(attacker.terminal, `ping -c 1 -W 2 ${address} >/dev/null; curl -s -m 3 http://${address}:8080/; echo "exit=$?"`), /victim-page|exit=0\b/, `the attacker cannot reach ${node} on the victim's private network`);
  }

  for (const { session, terminal } of [victim, attacker]) {
    terminal.close();
    await deleteSession(server.url, session);
  }
});
