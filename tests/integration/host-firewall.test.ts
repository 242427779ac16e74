// With the host firewall on, a sandbox reaches neither host services on its gateway (but the allowed ports)
// nor the cloud metadata address. Runs on a network of its own, so its rules touch no other test's sandboxes,
// and takes its rules and network out afterwards.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createSession, deleteSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';

const docker = connectDocker();
const network = `slipway-test-fw-${process.pid}`;

const listen = async (name: string): Promise<Server> => {
  const service = createServer((_request, response) => response.end(`${name}-answered\n`));
  await new Promise<void>((resolve) => service.listen(0, '0.0.0.0', resolve));
  return service;
};
const portOf = (service: Server) => (service.address() as AddressInfo).port;
const allowed = await listen('allowed');
const blocked = await listen('blocked');

const server = serverForThisFile('firewall', { SLIPWAY_NETWORK: network, SLIPWAY_FIREWALL: 'auto', SLIPWAY_HOST_PORTS_ALLOWED: String(portOf(allowed)) });

after(async () => {
  allowed.close();
  blocked.close();
  await removeHostFirewall(docker, network).catch(() => undefined);
  await docker.getNetwork(network).remove().catch(() => undefined);
});

test('a sandbox cannot reach host services or 169.254.169.254; allowed ports still answer', async (t) => {
  await server.ready;
  if (!server.app.firewall.enforced) return t.skip(`firewall not enforceable here: ${server.app.firewall.reason}`);
  const chain = `SLIPWAY-FW-${server.app.firewall.bridge}`;
  const gateway = (await docker.getNetwork(network).inspect()).IPAM?.Config?.[0]?.Gateway;
  assert.ok(gateway, 'the sandbox network has a gateway');

  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  const probe = (label: string, url: string) => {
    terminal.type(`curl -s -m 3 ${url}; echo "${label}-exit=$?"\r`);
    return terminal.waitForOutput(new RegExp(`^${label}-exit=\\d+\\r?$`, 'm'), 15_000);
  };
  await probe('allowed', `http://${gateway}:${portOf(allowed)}/`);
  assert.match(terminal.text, /^allowed-answered\r?$/m, 'an allowed host port answers (the control)');
  await probe('blocked', `http://${gateway}:${portOf(blocked)}/`);
  assert.doesNotMatch(terminal.text, /blocked-answered/);
  assert.doesNotMatch(terminal.text, /blocked-exit=0\b/);
  await probe('metadata', 'http://169.254.169.254/latest/meta-data/');
  assert.doesNotMatch(terminal.text, /metadata-exit=0\b/);

  // Proof that the rule, not the absence of a metadata service, stopped the last probe: its counter moved.
  const { stdout } = await promisify(execFile)('iptables', ['-w', '5', '-L', chain, '-v', '-x', '-n']);
  const dropped = /^\s*(\d+)\s+\d+\s+DROP\s.*169\.254\.0\.0\/16/m.exec(stdout)?.[1];
  assert.ok(Number(dropped) > 0, `the metadata rule dropped packets:\n${stdout}`);
  terminal.close();
  await deleteSession(server.url, session);
});
