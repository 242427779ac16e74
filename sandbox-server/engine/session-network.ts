// A multi-node session's private bridge network. Its nodes talk freely (swarm, overlay, ping by hostname) and
// nobody else is on it. Single-node sessions stay on the shared network (inter-container traffic off), so
// the warm pool hands them a sandbox without any network change. The host firewall covers each one from its
// creation (before any node joins) until its removal.
import type Docker from 'dockerode';
import type { NetworkFirewall } from './host-firewall.ts';
import { INSTANCE_LABEL } from './sandbox-container.ts';
import { assertClearOfInnerEngines } from './inner-address-clash.ts';
import { subnetsOf } from './sandbox-network.ts';

export const SESSION_LABEL = 'slipway.session';
export const NODE_LABEL = 'slipway.node';

export const sessionNetworkName = (sessionId: string) => `slipway-${sessionId}-net`;

export async function createSessionNetwork(docker: Docker, instance: string, sessionId: string, firewall: NetworkFirewall): Promise<string> {
  const name = sessionNetworkName(sessionId);
  try {
    await docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: { [INSTANCE_LABEL]: instance, [SESSION_LABEL]: sessionId, 'slipway.role': 'session-network' },
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/available, non-overlapping|address pool/i.test(message)) {
      throw new Error('the engine has no free address range for another private network (raise default-address-pools in daemon.json)');
    }
    throw error;
  }
  try {
    // The engine's pool is the operator's to configure (daemon.json on a trusted host).
    assertClearOfInnerEngines(name, subnetsOf(await docker.getNetwork(name).inspect()));
    await firewall.cover(name);
  } catch (error) {
    await removeNetwork(docker, name, firewall).catch(() => undefined);
    throw error;
  }
  return name;
}

/** Moves a running sandbox onto `network` under `alias`, leaving every other network (one interface: swarm picks it). */
export async function moveToNetwork(docker: Docker, container: Docker.Container, network: string, alias: string): Promise<void> {
  const info = await container.inspect();
  for (const current of Object.keys(info.NetworkSettings.Networks)) {
    if (current !== network) await docker.getNetwork(current).disconnect({ Container: info.Id, Force: true });
  }
  await docker.getNetwork(network).connect({ Container: info.Id, EndpointConfig: { Aliases: [alias] } });
}

/** Removes a session's network (by name: its firewall rules are tagged with it); a network already gone is fine. */
export async function removeNetwork(docker: Docker, name: string, firewall: NetworkFirewall): Promise<void> {
  await firewall.uncover(name);
  await docker
    .getNetwork(name)
    .remove()
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
}

/** Session networks of one server instance. */
export async function listSessionNetworks(docker: Docker, instance: string): Promise<Docker.NetworkInspectInfo[]> {
  return docker.listNetworks({ filters: { label: [`${INSTANCE_LABEL}=${instance}`] } });
}

/** Removes the instance's session networks no container uses any more (left by a crash). */
export async function removeUnusedSessionNetworks(docker: Docker, instance: string, firewall: NetworkFirewall): Promise<number> {
  let removed = 0;
  for (const summary of await listSessionNetworks(docker, instance)) {
    const info = await docker.getNetwork(summary.Id).inspect();
    if (Object.keys(info.Containers ?? {}).length > 0) continue;
    await removeNetwork(docker, summary.Name, firewall);
    removed += 1;
  }
  return removed;
}

/** The node's address on a network, which the host reaches directly (bridge networks are routed). */
export async function addressOn(container: Docker.Container): Promise<string | undefined> {
  const info = await container.inspect();
  return Object.values(info.NetworkSettings.Networks).find((endpoint) => endpoint.IPAddress)?.IPAddress;
}
