// Host rules for each sandbox network: the shared one at start-up, and each multi-node session's private
// network when it is created (before any node joins it), when the server runs as root next to the engine and
// iptables exists; idempotent (own chains per bridge, flushed and refilled), and tagged `slipway:<network>`
// so `removeHostFirewall` can take them out (a session network's go before the network does).
//  - The host firewall (SLIPWAY_FIREWALL=auto), INPUT: traffic from the sandbox bridge to any address of the
//    host (the gateway included) is dropped, except replies to connections the host opened, the allowed TCP
//    ports (SLIPWAY_HOST_PORTS_ALLOWED) and the registry mirror's address and port when the mirror is one.
//    DOCKER-USER (forwarded traffic): link-local 169.254.0.0/16 is dropped, and so is every connection the
//    host engine's port publishing (DNAT) would carry to a host service, but the allowed ones.
//  - IPv6, always: sandbox networks are IPv4-only, and a learner may re-enable IPv6 in their own network
//    namespace, so every IPv6 packet from a sandbox bridge is dropped (to the host and forwarded).
//  - Routing, on Slipway's own engine (it runs with --iptables=false, so the host engine's chains stay the
//    host engine's): masquerading out of the host, forwarding within the network and out of the host, never
//    into another sandbox network; the host's FORWARD policy (DROP, set by the host engine) does the rest.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { log } from '../logger.ts';
import { SANDBOX_ENGINE } from './sandbox-engine-layout.ts';

const run = promisify(execFile);
const iptables = (...args: string[]) => run('iptables', ['-w', '5', ...args]);
const ip6tables = (...args: string[]) => run('ip6tables', ['-w', '5', ...args]);
const succeeds = (call: Promise<unknown>) => call.then(() => true, () => false);

export type FirewallState = { enforced: true; bridge: string; allowed: AllowedHostPort[] } | { enforced: false; reason: string };

/** A host TCP port sandboxes may reach: on every host address, or on `address` only. */
export interface AllowedHostPort {
  port: number;
  address?: string;
}

/** What to install for one network: the host firewall (its allowed ports) or not, and the engine's routing or not. */
export interface NetworkPolicy {
  firewall: AllowedHostPort[] | undefined;
  routing: boolean;
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
const chains = (bridge: string) => ({ input: `SLIPWAY-IN-${bridge}`, forward: `SLIPWAY-FW-${bridge}`, route: `SLIPWAY-RT-${bridge}` });
const tagOf = (network: string) => ['-m', 'comment', '--comment', `slipway:${network}`];

const isRoot = () => process.getuid?.() === 0;

async function why(): Promise<string | undefined> {
  if (!isRoot()) return 'the server does not run as root';
  if (!(await succeeds(iptables('-S', 'DOCKER-USER')))) return 'iptables (or its DOCKER-USER chain) is not available here';
  return undefined;
}

/** An empty chain of ours, created or flushed. */
async function freshChain(chain: string): Promise<void> {
  if (!(await succeeds(iptables('-N', chain)))) await iptables('-F', chain);
}

/** Inserts `rule` into `parent` at `position` unless it is there already. */
async function ensureJump(parent: string, rule: string[], position: number): Promise<void> {
  if (!(await succeeds(iptables('-C', parent, ...rule)))) await iptables('-I', parent, String(position), ...rule);
}

async function installFirewall(bridge: string, tag: string[], allowed: AllowedHostPort[]): Promise<void> {
  const { input, forward } = chains(bridge);
  for (const chain of [input, forward]) await freshChain(chain);
  await iptables('-A', input, '-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'RETURN', ...tag);
  for (const { port, address } of allowed) {
    await iptables('-A', input, ...(address ? ['-d', address] : []), '-p', 'tcp', '--dport', String(port), '-j', 'RETURN', ...tag);
    await iptables('-A', forward, '-p', 'tcp', '-m', 'conntrack', '--ctstate', 'DNAT', ...(address ? ['--ctorigdst', address] : []), '--ctorigdstport', String(port), '-j', 'RETURN', ...tag);
  }
  await iptables('-A', input, '-j', 'DROP', ...tag);
  await iptables('-A', forward, '-d', '169.254.0.0/16', '-j', 'DROP', ...tag);
  await iptables('-A', forward, '-m', 'conntrack', '--ctstate', 'DNAT', '-j', 'DROP', ...tag);
  for (const [parent, chain] of [['INPUT', input], ['DOCKER-USER', forward]] as const) await ensureJump(parent, ['-i', bridge, ...tag, '-j', chain], 1);
}

async function installRouting(bridge: string, tag: string[], subnet: string): Promise<void> {
  const { route } = chains(bridge);
  await freshChain(route);
  await iptables('-A', route, '-o', bridge, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT', ...tag);
  await iptables('-A', route, '-i', bridge, '-o', bridge, '-j', 'ACCEPT', ...tag);
  await iptables('-A', route, '-i', bridge, '-d', SANDBOX_ENGINE.range, '-j', 'DROP', ...tag);
  await iptables('-A', route, '-i', bridge, '-j', 'ACCEPT', ...tag);
  // After the firewall's jumps (its drops come first), which always sit at the top.
  const firewallJumps = (await iptables('-S', 'DOCKER-USER')).stdout.split('\n').filter((line) => line.includes('-j SLIPWAY-FW-')).length;
  for (const direction of ['-i', '-o']) await ensureJump('DOCKER-USER', [direction, bridge, ...tag, '-j', route], firewallJumps + 1);
  const masquerade = ['POSTROUTING', '-s', subnet, '!', '-o', bridge, ...tag, '-j', 'MASQUERADE'];
  if (!(await succeeds(iptables('-t', 'nat', '-C', ...masquerade)))) await iptables('-t', 'nat', '-A', ...masquerade);
}

async function installIpv6Guard(bridge: string, tag: string[]): Promise<void> {
  for (const parent of ['INPUT', 'FORWARD']) {
    const rule = [parent, '-i', bridge, ...tag, '-j', 'DROP'];
    if (!(await succeeds(ip6tables('-C', ...rule)))) await ip6tables('-I', ...rule.slice(0, 1), '1', ...rule.slice(1));
  }
}

/** Installs `policy` for `network`; the firewall is enforced only when asked for and this host can. */
export async function installNetworkRules(docker: Docker, network: string, policy: NetworkPolicy): Promise<FirewallState> {
  const missing = await why();
  if (missing) return { enforced: false, reason: missing };
  const info = await docker.getNetwork(network).inspect();
  const bridge = await bridgeOf(docker, network);
  const tag = tagOf(network);
  await installIpv6Guard(bridge, tag);
  if (policy.routing) {
    const subnet = (info.IPAM?.Config as { Subnet?: string }[] | undefined)?.find((config) => config.Subnet)?.Subnet;
    if (!subnet) throw new Error(`network ${network} has no subnet to route`);
    await installRouting(bridge, tag, subnet);
  }
  if (!policy.firewall) return { enforced: false, reason: 'SLIPWAY_FIREWALL=off' };
  await installFirewall(bridge, tag, policy.firewall);
  return { enforced: true, bridge, allowed: policy.firewall };
}

/** The rules of `chain` tagged for `network`, as arguments for a delete. */
async function taggedRules(command: typeof iptables, table: string, chain: string, network: string): Promise<string[][]> {
  const listed = await command('-t', table, '-S', chain).then(({ stdout }) => stdout, () => '');
  return listed
    .split('\n')
    .filter((line) => line.startsWith(`-A ${chain} `) && new RegExp(`--comment "?slipway:${network.replaceAll('.', '\\.')}"?( |$)`).test(line))
    .map((line) => line.slice(3).split(' ').map((word) => word.replace(/^"(.*)"$/, '$1')));
}

/** Takes out every rule installNetworkRules added for this network. */
export async function removeHostFirewall(docker: Docker, network: string): Promise<void> {
  const bridge = await bridgeOf(docker, network);
  const places = [[iptables, 'filter', 'INPUT'], [iptables, 'filter', 'DOCKER-USER'], [iptables, 'nat', 'POSTROUTING'], [ip6tables, 'filter', 'INPUT'], [ip6tables, 'filter', 'FORWARD']] as const;
  for (const [command, table, chain] of places) {
    for (const rule of await taggedRules(command, table, chain, network)) await command('-t', table, '-D', ...rule).catch(() => undefined);
  }
  for (const chain of Object.values(chains(bridge))) {
    if (await succeeds(iptables('-F', chain))) await iptables('-X', chain);
  }
}

/** Puts a session's private network under the shared network's rules, and takes them off again. */
export interface NetworkFirewall {
  /** Idempotent: a re-adopted session's network is covered again after a restart. */
  cover(network: string): Promise<void>;
  /** Before the network is removed (its bridge is found through it); a network already gone is fine. */
  uncover(network: string): Promise<void>;
}

/** For callers that install no rules (tests that never start a node on the network). */
export const NO_FIREWALL: NetworkFirewall = { cover: async () => undefined, uncover: async () => undefined };

/**
 * Session networks get the rules the shared network got at start-up (`state`), and the engine's routing when
 * Slipway owns it (`routing`). Rules are taken off whenever the server may hold them (root), even with the
 * firewall off now: a previous run's networks may carry some.
 */
export function networkFirewall(docker: Docker, state: FirewallState, routing: boolean): NetworkFirewall {
  return {
    async cover(network) {
      if (!isRoot()) return;
      const covered = await installNetworkRules(docker, network, { firewall: state.enforced ? state.allowed : undefined, routing });
      if (state.enforced && !covered.enforced) throw new Error(`could not install the host firewall for ${network}: ${covered.reason}`);
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
  routing: boolean,
): Promise<FirewallState> {
  const mirror = mirrorHostPort(registryMirror);
  const allowed: AllowedHostPort[] = [...config.SLIPWAY_HOST_PORTS_ALLOWED.map((port) => ({ port })), ...(mirror ? [mirror] : [])];
  const state = await installNetworkRules(docker, config.SLIPWAY_NETWORK, { firewall: config.SLIPWAY_FIREWALL === 'off' ? undefined : allowed, routing });
  if (state.enforced) log.info('firewall.enforced', { network: config.SLIPWAY_NETWORK, bridge: state.bridge, allowedPorts: config.SLIPWAY_HOST_PORTS_ALLOWED, registryMirror: registryMirror ?? null });
  else (config.SLIPWAY_FIREWALL === 'off' ? log.info : log.warn)('firewall.not_enforced', { reason: state.reason, exposed: 'sandboxes can reach host services on their gateway and 169.254.169.254 (see SECURITY.md)' });
  return state;
}
