// What this host allows and needs, found out once at start-up and shared by everything that starts sandboxes.
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { upstreamResolvers } from './host-dns.ts';
import { assertRuntimeKnown } from './oci-runtime.ts';
import { canRunPrivileged } from './privilege-probe.ts';
import { ensureSandboxNetwork } from './sandbox-network.ts';

export interface HostFacts {
  privileged: boolean;
  /** Upstream DNS servers for the inner engines (empty: Docker's defaults). */
  dns: string[];
}

type HostConfig = Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_PRIVILEGED' | 'SLIPWAY_NETWORK' | 'SLIPWAY_RUNTIME'>;

export async function probeHost(docker: Docker, config: HostConfig): Promise<HostFacts> {
  await assertRuntimeKnown(docker, config.SLIPWAY_RUNTIME);
  const [privileged, dns] = await Promise.all([canRunPrivileged(docker, config), upstreamResolvers(), ensureSandboxNetwork(docker, config.SLIPWAY_NETWORK)]);
  return { privileged, dns };
}
