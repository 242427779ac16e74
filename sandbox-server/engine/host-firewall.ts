// Host firewall rules that keep sandboxes away from the host and the cloud metadata service. Installed at
// start-up for the shared sandbox network, and for each multi-node session's private network when it is
// created (before any node joins it), when the server runs as root next to the engine and iptables exists;
// idempotent (own chains per bridge, flushed and refilled), and tagged `slipway:<network>` so
// `removeHostFirewall` can take them out (a session network's go before the network does).
//  - INPUT: traffic from the sandbox bridge to any address of the host (the gateway included) is dropped,
//    except replies to connections the host opened, the allowed TCP ports (SLIPWAY_HOST_PORTS_ALLOWED) and
//    the registry mirror's address and port when the mirror is one (the kit's is, on the gateway).
//  - DOCKER-USER (forwarded traffic): from the sandbox bridge to link-local 169.254.0.0/16 is dropped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { log } from '../logger.ts';

const run = promisify(execFile);
const iptables = (...args: string[]) => run('iptables', ['-w', '5', ...args]);
const succeeds = (...args: string[]) => iptables(...args).then(() => true, () => false);

export type FirewallState = { enforced: true; bridge: string; allowed: AllowedHostPort[] } | { enforced: false; reason: string };

/** A host TCP port sandboxes may reach: on every host address, or on `address` only. */
export interface AllowedHostPort {
  port: number;
  address?: string;
}

/** The registry mirror's port, on its address when that is an IPv4 literal (the kit's mirror is on the gateway). */
export function mirrorHostPort(mirror: string | undefined): AllowedHostPort | undefined {
  if (!mirror) return undefined;
  const url = new URL(mirror);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname) ? { port, address: url.hostname } : { port };
}

/** The bridge interface behind a Docker network (br-<id prefix> unless the network names one). */
export async function bridgeOf(docker: Docker, network: string): Promise<string> {
  const info = await docker.getNetwork(network).inspect();
  return (info.Options as Record<string, string> | undefined)?.['com.docker.network.bridge.name'] ?? `br-${String(info.Id).slice(0, 12)}`;
}

// Chain names are at most 28 characters: a bridge name is at most 15.
const chains = (bridge: string) => ({ input: `SLIPWAY-IN-${bridge}`, forward: `SLIPWAY-FW-${bridge}` });

const isRoot = () => process.getuid?.() === 0;

async function why(): Promise<string | undefined> {
  if (!isRoot()) return 'the server does not run as root';
  if (!(await succeeds('-S', 'DOCKER-USER'))) return 'iptables (or its DOCKER-USER chain) is not available here';
  return undefined;
}

export async function installHostFirewall(docker: Docker, network: string, allowed: AllowedHostPort[]): Promise<FirewallState> {
  const missing = await why();
  if (missing) return { enforced: false, reason: missing };
  const bridge = await bridgeOf(docker, network);
  const { input, forward } = chains(bridge);
  const tag = ['-m', 'comment', '--comment', `slipway:${network}`];
  for (const chain of [input, forward]) {
    if (!(await succeeds('-N', chain))) await iptables('-F', chain);
  }
  await iptables('-A', input, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'RETURN', ...tag);
  for (const { port, address } of allowed) {
    await iptables('-A', input, ...(address ? ['-d', address] : []), '-p', 'tcp', '--dport', String(port), '-j', 'RETURN', ...tag);
  }
  await iptables('-A', input, '-j', 'DROP', ...tag);
  await iptables('-A', forward, '-d', '169.254.0.0/16', '-j', 'DROP', ...tag);
  for (const [parent, chain] of [['INPUT', input], ['DOCKER-USER', forward]] as const) {
    const jump = ['-i', bridge, ...tag, '-j', chain];
    if (!(await succeeds('-C', parent, ...jump))) await iptables('-I', parent, '1', ...jump);
  }
  return { enforced: true, bridge, allowed };
}

/** Takes out what installHostFirewall added for this network. */
export async function removeHostFirewall(docker: Docker, network: string): Promise<void> {
  const bridge = await bridgeOf(docker, network);
  const { input, forward } = chains(bridge);
  const tag = ['-m', 'comment', '--comment', `slipway:${network}`];
  for (const [parent, chain] of [['INPUT', input], ['DOCKER-USER', forward]] as const) {
    while (await succeeds('-D', parent, '-i', bridge, ...tag, '-j', chain));
    if (await succeeds('-F', chain)) await iptables('-X', chain);
  }
}

/** Puts a session's private network under the shared network's rules, and takes them off again. */
export interface NetworkFirewall {
  /** Idempotent: a re-adopted session's network is covered again after a restart. */
  cover(network: string): Promise<void>;
  /** Before the network is removed (its bridge is found through it); a network already gone is fine. */
  uncover(network: string): Promise<void>;
}

/** For callers that install no rules (the lesson proof harness). */
export const NO_FIREWALL: NetworkFirewall = { cover: async () => undefined, uncover: async () => undefined };

/**
 * Session networks get the rules the shared network got at start-up (`state`). Rules are taken off whenever
 * the server may hold them (root), even with the firewall off now: a previous run's networks may carry some.
 */
export function networkFirewall(docker: Docker, state: FirewallState): NetworkFirewall {
  return {
    async cover(network) {
      if (!state.enforced) return;
      const covered = await installHostFirewall(docker, network, state.allowed);
      if (!covered.enforced) throw new Error(`could not install the host firewall for ${network}: ${covered.reason}`);
    },
    async uncover(network) {
      if (!isRoot()) return;
      await removeHostFirewall(docker, network).catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 404) throw error;
      });
    },
  };
}

/**
 * Applies SLIPWAY_FIREWALL at start-up and logs one line saying what is (not) enforced. The registry mirror
 * sessions pull from (`registryMirror`, from the host facts) stays reachable without being listed.
 */
export async function applyFirewallSetting(
  docker: Docker,
  config: Pick<Config, 'SLIPWAY_FIREWALL' | 'SLIPWAY_NETWORK' | 'SLIPWAY_HOST_PORTS_ALLOWED'>,
  registryMirror: string | undefined,
): Promise<FirewallState> {
  const mirror = mirrorHostPort(registryMirror);
  const allowed: AllowedHostPort[] = [...config.SLIPWAY_HOST_PORTS_ALLOWED.map((port) => ({ port })), ...(mirror ? [mirror] : [])];
  const state: FirewallState =
    config.SLIPWAY_FIREWALL === 'off' ? { enforced: false, reason: 'SLIPWAY_FIREWALL=off' }
    : await installHostFirewall(docker, config.SLIPWAY_NETWORK, allowed);
  if (state.enforced) log.info('firewall.enforced', { network: config.SLIPWAY_NETWORK, bridge: state.bridge, allowedPorts: config.SLIPWAY_HOST_PORTS_ALLOWED, registryMirror: registryMirror ?? null });
  else (config.SLIPWAY_FIREWALL === 'off' ? log.info : log.warn)('firewall.not_enforced', { reason: state.reason, exposed: 'sandboxes can reach host services on their gateway and 169.254.169.254 (see SECURITY.md)' });
  return state;
}
