// What the host-firewall tests share: two HTTP services on the host (one the firewall allows, one it must
// block) and the probes a sandbox terminal runs against them and the cloud metadata address.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TerminalClient } from './terminal-client.ts';

async function listen(name: string): Promise<Server> {
  const service = createServer((_request, response) => response.end(`${name}-answered\n`));
  await new Promise<void>((resolve) => service.listen(0, '0.0.0.0', resolve));
  return service;
}

export const portOf = (service: Server) => (service.address() as AddressInfo).port;

/** The allowed and the blocked host service, listening on every address of the host. */
export async function hostServices(): Promise<{ allowed: Server; blocked: Server; close(): void }> {
  const allowed = await listen('allowed');
  const blocked = await listen('blocked');
  return { allowed, blocked, close: () => (allowed.close(), blocked.close()) };
}

/** From `terminal`: the allowed port on `gateway` answers (the control), the blocked one and 169.254.169.254 do not. */
export async function assertFirewalled(terminal: TerminalClient, gateway: string, services: { allowed: Server; blocked: Server }, where: string): Promise<void> {
  const probe = (label: string, url: string) => {
    terminal.type(`curl -s -m 3 ${url}; echo "${label}-exit=$?"\r`);
    return terminal.waitForOutput(new RegExp(`^${label}-exit=\\d+\\r?$`, 'm'), 15_000);
  };
  await probe('allowed', `http://${gateway}:${portOf(services.allowed)}/`);
  assert.match(terminal.text, /^allowed-answered\r?$/m, `an allowed host port answers on ${where} (the control)`);
  await probe('blocked', `http://${gateway}:${portOf(services.blocked)}/`);
  assert.doesNotMatch(terminal.text, /blocked-answered/);
  assert.doesNotMatch(terminal.text, /blocked-exit=0\b/);
  await probe('metadata', 'http://169.254.169.254/latest/meta-data/');
  assert.doesNotMatch(terminal.text, /metadata-exit=0\b/);
}
