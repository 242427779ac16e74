// With the host firewall on, a sandbox reaches neither host services on its gateway (but the allowed ports)
// nor the cloud metadata address, and still pulls from the registry mirror without its port being listed.
// Runs on a network of its own, so its rules touch no other test's sandboxes, and takes its rules and network
// out afterwards. The kit's mirror sits on the shared network's gateway; here the mirror is a host port on
// this network's gateway forwarding to it, so pulls cross the firewall's INPUT chain as on the shared network.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createSession, deleteSession, terminalUrl } from '../support/api-client.ts';
import { assertFirewalled, hostServices, portOf } from '../support/firewall-probes.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';
import { ensureSandboxNetwork, networkGateway } from '../../sandbox-server/engine/sandbox-network.ts';
import { resolveMirror } from '../../sandbox-server/mirror/mirror-address.ts';

const docker = connectDocker();
const network = `slipway-test-fw-${process.pid}`;

const services = await hostServices();

// The kit's mirror, reached through a TCP forwarder on this network's gateway (none: the pull is skipped).
const kitMirror = await resolveMirror(docker, { SLIPWAY_REGISTRY_MIRROR: 'auto' });
await ensureSandboxNetwork(docker, network);
const gateway = await networkGateway(docker, network);
const forwarder = createTcpServer((client) => {
  const upstream = new URL(kitMirror ?? 'http://127.0.0.1:1');
  const target = connect(Number(upstream.port), upstream.hostname);
  client.pipe(target).pipe(client);
  const drop = () => (client.destroy(), target.destroy());
  client.on('error', drop);
  target.on('error', drop);
});
await new Promise<void>((resolve) => forwarder.listen(0, '0.0.0.0', resolve));
const mirror = `http://${gateway}:${(forwarder.address() as AddressInfo).port}`;

const server = serverForThisFile('firewall', {
  SLIPWAY_NETWORK: network,
  SLIPWAY_FIREWALL: 'auto',
  SLIPWAY_HOST_PORTS_ALLOWED: String(portOf(services.allowed)),
  SLIPWAY_REGISTRY_MIRROR: mirror,
});

after(async () => {
  services.close();
  forwarder.close();
  await removeHostFirewall(docker, network).catch(() => undefined);
  await docker.getNetwork(network).remove().catch(() => undefined);
});

test('a sandbox cannot reach host services or 169.254.169.254; allowed ports still answer', async (t) => {
  await server.ready;
  if (!server.app.firewall.enforced) return t.skip(`firewall not enforceable here: ${server.app.firewall.reason}`);
  const chain = `SLIPWAY-FW-${server.app.firewall.bridge}`;

  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  await assertFirewalled(terminal, gateway, services, 'the sandbox network\'s gateway');

  // Proof that the rule, not the absence of a metadata service, stopped the last probe: its counter moved.
  const { stdout } = await promisify(execFile)('iptables', ['-w', '5', '-L', chain, '-v', '-x', '-n']);
  const dropped = /^\s*(\d+)\s+\d+\s+DROP\s.*169\.254\.0\.0\/16/m.exec(stdout)?.[1];
  assert.ok(Number(dropped) > 0, `the metadata rule dropped packets:\n${stdout}`);

  // The mirror's port was never listed in SLIPWAY_HOST_PORTS_ALLOWED, yet the session's engine pulls through it.
  if (kitMirror) {
    terminal.type('docker pull busybox >/dev/null 2>&1; echo "pull-exit=$?"\r');
    await terminal.waitForOutput(/^pull-exit=\d+\r?$/m, 120_000);
    assert.match(terminal.text, /^pull-exit=0\r?$/m, `the session pulled busybox from the mirror at ${mirror} with the firewall on`);
  } else t.diagnostic('no kit registry mirror here (npm run images): the pull through the firewall was not tried');
  terminal.close();
  await deleteSession(server.url, session);
});
