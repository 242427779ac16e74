// What this host allows and needs, found out once at start-up and shared by everything that starts sandboxes.
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { upstreamResolvers } from './host-dns.ts';
import { resolveMirror } from '../mirror/mirror-address.ts';
import { canRunPrivileged } from './privilege-probe.ts';
import { ensureSandboxNetwork } from './sandbox-network.ts';

export interface HostFacts {
  privileged: boolean;
  /** Upstream DNS servers for the inner engines (empty: Docker's defaults). */
  dns: string[];
  /** Registry mirror URL for the inner engines (SLIPWAY_REGISTRY_MIRROR), if any. */
  registryMirror: string | undefined;
}

export async function probeHost(docker: Docker, config: Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_PRIVILEGED' | 'SLIPWAY_NETWORK' | 'SLIPWAY_REGISTRY_MIRROR'>): Promise<HostFacts> {
  const [privileged, dns, , registryMirror] = await Promise.all([
    canRunPrivileged(docker, config),
    upstreamResolvers(),
    ensureSandboxNetwork(docker, config.SLIPWAY_NETWORK),
    resolveMirror(docker, config),
  ]);
  return { privileged, dns, registryMirror };
}
