// At start-up: the sandboxes a previous run of this server instance left behind either get their sessions
// back (a live container whose record is on disk and still within its time limits) or are removed. A
// session's node1 is found by the container id in its record (a pooled sandbox cannot be labelled after its
// creation); its other nodes by their slipway.session and slipway.node labels, its private network likewise
// (covered by the host firewall again: rules do not survive a host reboot, and re-installing them is idempotent).
// The login shells a crashed predecessor left in them are ended: screens do not survive a restart.
import type Docker from 'dockerode';
import type { NetworkFirewall } from '../engine/host-firewall.ts';
import { listSandboxes, removeSandbox } from '../engine/sandbox-container.ts';
import { listSessionNetworks, NODE_LABEL, SESSION_LABEL } from '../engine/session-network.ts';
import { NODE_NAMES, type AdoptedNodes } from './session-nodes.ts';
import type { SessionRecord } from './session-store.ts';
import { endLeftoverShells } from '../terminal/shell-session.ts';

export interface AdoptedSession {
  record: SessionRecord;
  /** node1. */
  container: Docker.Container;
  nodes: AdoptedNodes;
}

export interface Adoption {
  adopted: AdoptedSession[];
  reaped: number;
}

export async function readoptSandboxes(
  docker: Docker,
  instance: string,
  records: SessionRecord[],
  stillValid: (record: SessionRecord) => boolean,
  firewall: NetworkFirewall,
): Promise<Adoption> {
  const byContainer = new Map(records.filter(stillValid).map((record) => [record.containerId, record]));
  const sandboxes = await listSandboxes(docker, instance);
  const bySession = new Map<string, AdoptedSession>();
  for (const info of sandboxes) {
    const record = byContainer.get(info.Id);
    if (record && info.State === 'running') bySession.set(record.id, { record, container: docker.getContainer(info.Id), nodes: { extra: new Map() } });
  }
  const orphans: Docker.Container[] = [];
  for (const info of sandboxes) {
    const container = docker.getContainer(info.Id);
    const node1Of = byContainer.get(info.Id);
    if (node1Of && bySession.get(node1Of.id)?.container.id === info.Id) continue;
    const owner = bySession.get(info.Labels[SESSION_LABEL] ?? '');
    const node = info.Labels[NODE_LABEL] ?? '';
    if (owner && info.State === 'running' && node !== 'node1' && NODE_NAMES.includes(node) && !owner.nodes.extra.has(node)) owner.nodes.extra.set(node, container);
    else orphans.push(container);
  }
  for (const network of await listSessionNetworks(docker, instance)) {
    const owner = bySession.get(network.Labels?.[SESSION_LABEL] ?? '');
    if (!owner) continue;
    await firewall.cover(network.Name);
    owner.nodes.network = network.Name;
  }
  await Promise.all(orphans.map((container) => removeSandbox(container)));
  const adopted = [...bySession.values()];
  await Promise.all(adopted.flatMap(({ container, nodes }) => [container, ...nodes.extra.values()]).map((node) => endLeftoverShells(node).catch(() => undefined)));
  return { adopted, reaped: orphans.length };
}
