// What the hostile suite (tests/hostile/) shares: a server whose sandboxes sit on a network of their own with
// the host firewall on (its rules touch no other test's sandboxes), a host HTTP service on every address,
// IPv4 and IPv6, for the sandboxes to try, and the attempts script run and read back through a terminal.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after } from 'node:test';
import { authorized, createSession, terminalUrl } from './api-client.ts';
import { TerminalClient } from './terminal-client.ts';
import { serverForThisFile, type TestServer } from './test-server.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { bridgeOf, removeHostFirewall } from '../../sandbox-server/engine/host-firewall.ts';
import { ensureSandboxNetwork, networkGateway } from '../../sandbox-server/engine/sandbox-network.ts';

const docker = connectDocker();

export interface HostileSetup {
  server: TestServer & { ready: Promise<void> };
  network: string;
  /** Host addresses a sandbox must not reach the service on: its gateway, the host's own IPv4 and IPv6 ones. */
  hostAddresses(): Promise<string[]>;
  hostPort: () => number;
  /** The sandbox bridge's IPv6 link-local address, if the host gave it one. */
  bridgeLinkLocal(): Promise<string>;
}

/** A server for this file on a network of its own, firewall on, and a host service listening on `::`. */
export function hostileServer(name: string): HostileSetup {
  const network = `slipway-test-${name}-${process.pid}`;
  const service: Server = createServer((_request, response) => response.end('host-service-answered\n'));
  const listening = new Promise<void>((resolve) => service.listen(0, '::', resolve));
  const server = serverForThisFile(name, { SLIPWAY_NETWORK: network, SLIPWAY_FIREWALL: 'auto' });
  // The network exists before the server starts, so the firewall covers it from the start.
  const created = ensureSandboxNetwork(docker, network);
  after(async () => {
    service.close();
    await removeHostFirewall(docker, network).catch(() => undefined);
    await docker.getNetwork(network).remove().catch(() => undefined);
  });
  return {
    server,
    network,
    hostPort: () => (service.address() as AddressInfo).port,
    async hostAddresses() {
      await Promise.all([created, listening]);
      // The host's own interfaces (not the engines' bridges), global addresses only.
      const own = Object.entries(networkInterfaces())
        .filter(([name]) => !/^(docker|br-|slipway|veth|lo)/.test(name))
        .flatMap(([, entries]) => entries ?? [])
        .filter((entry) => !entry.internal && !entry.address.startsWith('fe80'))
        .map((entry) => entry.address);
      return [...new Set([await networkGateway(docker, network), ...own])];
    },
    async bridgeLinkLocal() {
      await created;
      const { stdout } = await promisify(execFile)('ip', ['-6', '-o', 'addr', 'show', 'dev', await bridgeOf(docker, network), 'scope', 'link']);
      return /inet6 (fe80::[0-9a-f:]+)\//.exec(stdout)?.[1] ?? '';
    },
  };
}

/** Types `command` and resolves with what it printed between two markers. */
export async function shellOutput(terminal: TerminalClient, command: string, timeoutMs = 60_000): Promise<string> {
  const mark = `m${Math.random().toString(36).slice(2, 8)}`;
  terminal.type(`echo ${mark}-""begin; ${command}; echo ${mark}-""end\r`);
  const pattern = new RegExp(`${mark}-begin\\r?\\n([\\s\\S]*?)${mark}-end`);
  await terminal.waitForOutput(pattern, timeoutMs);
  return pattern.exec(terminal.text)?.[1] ?? '';
}

/** A session with its terminal at a prompt, and the attempts script written into it through the files API. */
export async function hostileSession(server: TestServer): Promise<{ session: SessionInfo; terminal: TerminalClient }> {
  const session = await createSession(server.url);
  const script = await readFile(new URL('../hostile/attempts.sh', import.meta.url), 'utf8');
  const put = await fetch(`${server.url}/api/sessions/${session.id}/file?path=/root/attempts.sh`, authorized(session, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ content: script }),
  }));
  assert.equal(put.status, 200, 'the attempts script was written into the sandbox');
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  return { session, terminal };
}

export interface Attempt {
  name: string;
  escaped: boolean;
  detail: string;
}

/** Runs the attempts script with `command` (it must run `sh <script>` somewhere) and parses its verdicts. */
export async function runAttempts(terminal: TerminalClient, command: string): Promise<Attempt[]> {
  const output = await shellOutput(terminal, command, 300_000);
  assert.match(output, /attempts done/, `the attempts script ran to its end:\n${output.slice(-2000)}`);
  return [...output.matchAll(/^attempt (\S+) (refused|escaped) ?(.*?)\r?$/gm)].map((match) => ({ name: match[1] ?? '', escaped: match[2] === 'escaped', detail: match[3] ?? '' }));
}

/** Fails listing every attempt that escaped, and every expected attempt that never ran. */
export function assertAllRefused(attempts: Attempt[], expected: (string | RegExp)[], where: string): void {
  for (const name of expected) {
    assert.ok(attempts.some((attempt) => (typeof name === 'string' ? attempt.name === name : name.test(attempt.name))), `${where}: the attempt ${name} ran`);
  }
  const escaped = attempts.filter((attempt) => attempt.escaped);
  assert.deepEqual(escaped.map((attempt) => `${attempt.name}: ${attempt.detail}`), [], `${where}: every attempt was refused`);
}
