// On the shared sandbox network (inter-container traffic off) sandboxes must not reach each other at all.
// ICC off filters only IP, and a sandbox's root owns its network namespace, so it can forge any frame: ARP
// included. So every port of the network's bridge is isolated (the kernel forwards no frame between two
// isolated ports; the host and its gateway address stay reachable), and the host's neighbour entry for each
// sandbox is pinned to that sandbox's MAC, so none can claim another's address towards the host (the preview
// proxy, replies from the mirror and from the internet). Run after each sandbox joins; needs root.
import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { bridgeOf } from './host-firewall.ts';

const run = promisify(execFile);

export async function guardSharedNetwork(docker: Docker, network: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const info = await docker.getNetwork(network).inspect();
  if ((info.Options as Record<string, string> | undefined)?.['com.docker.network.bridge.enable_icc'] !== 'false') return;
  const bridge = await bridgeOf(docker, network);
  const ports = await readdir(`/sys/class/net/${bridge}/brif`);
  await Promise.all(ports.map((port) => writeFile(`/sys/class/net/${bridge}/brif/${port}/isolated`, '1').catch(ignoreGonePort)));
  const endpoints = Object.values((info.Containers ?? {}) as Record<string, { IPv4Address?: string; MacAddress?: string }>);
  const pins = endpoints
    .filter((endpoint) => endpoint.IPv4Address && endpoint.MacAddress)
    .map((endpoint) => `neigh replace ${endpoint.IPv4Address?.split('/')[0]} lladdr ${endpoint.MacAddress} dev ${bridge} nud permanent`);
  if (pins.length === 0) return;
  const batch = run('ip', ['-batch', '-']);
  batch.child.stdin?.end(`${pins.join('\n')}\n`);
  await batch;
}

/**
 * A port that left the bridge since it was listed (another session's sandbox ending at that moment) needs no
 * isolation: the kernel answers ENODEV or ENOENT for it, which must not fail this session's start.
 */
export function ignoreGonePort(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENODEV' && error.code !== 'ENOENT') throw error;
}
