// The bridge network every sandbox joins. Inter-container traffic is off, so one learner's sandbox cannot
// reach another's (their published ports included); each still reaches the outside through NAT.
import type Docker from 'dockerode';
import { assertClearOfInnerEngines } from './inner-address-clash.ts';

/** The IPv4 and IPv6 blocks of a network, as the engine reports them. */
export const subnetsOf = (info: Docker.NetworkInspectInfo): string[] =>
  ((info.IPAM?.Config ?? []) as { Subnet?: string }[]).flatMap((config) => (config.Subnet ? [config.Subnet] : []));

/** Creates the network unless it exists; refuses one inner engines would shadow (an operator's, or a pool's). */
export async function ensureSandboxNetwork(docker: Docker, name: string): Promise<void> {
  const exists = await docker.getNetwork(name).inspect().then(() => true, () => false);
  if (!exists) {
    try {
      await docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        CheckDuplicate: true,
        Options: { 'com.docker.network.bridge.enable_icc': 'false' },
        Labels: { 'slipway.role': 'sandbox-network' },
      });
    } catch (error) {
      // Another server on this engine created it at the same moment.
      if ((error as { statusCode?: number }).statusCode !== 409) throw error;
    }
  }
  assertClearOfInnerEngines(name, subnetsOf(await docker.getNetwork(name).inspect()));
}

/** The host's address on the network (its bridge gateway), where host services are published to sandboxes. */
export async function networkGateway(docker: Docker, name: string): Promise<string> {
  await ensureSandboxNetwork(docker, name);
  const info = await docker.getNetwork(name).inspect();
  const gateway = (info.IPAM?.Config as { Gateway?: string }[] | undefined)?.find((config) => config.Gateway)?.Gateway;
  if (!gateway) throw new Error(`network ${name} has no gateway address`);
  return gateway;
}
