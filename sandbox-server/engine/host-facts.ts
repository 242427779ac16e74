// What this host allows and needs, found out once at start-up and shared by everything that starts sandboxes.
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { upstreamResolvers } from './host-dns.ts';
import { resolveMirror } from '../mirror/mirror-address.ts';
import { assertRuntimeKnown } from './oci-runtime.ts';
import { canRunPrivileged } from './privilege-probe.ts';
import { ensureSandboxNetwork } from './sandbox-network.ts';
import { installNetworkRules } from './host-firewall.ts';
import { sandboxRemap, type Remap } from './user-namespace.ts';

export interface HostFacts {
  privileged: boolean;
  /** Upstream DNS servers for the inner engines (empty: Docker's defaults). */
  dns: string[];
  /** Registry mirror URL for the inner engines (SLIPWAY_REGISTRY_MIRROR), if any. */
  registryMirror: string | undefined;
  /** SLIPWAY_ISOLATION=userns: the host ids of every sandbox's root (one range, shared by all sandboxes). */
  remap: Remap | undefined;
  /** The sandbox engine leaves NAT and forwarding to Slipway (its own engine runs with --iptables=false). */
  routing: boolean;
}

type HostConfig = Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_PRIVILEGED' | 'SLIPWAY_NETWORK' | 'SLIPWAY_RUNTIME' | 'SLIPWAY_REGISTRY_MIRROR' | 'SLIPWAY_ISOLATION' | 'SLIPWAY_SANDBOX_ENGINE'>;

export async function probeHost(docker: Docker, config: HostConfig): Promise<HostFacts> {
  await assertRuntimeKnown(docker, config.SLIPWAY_RUNTIME);
  const remap = await sandboxRemap(docker, config);
  const [privileged, dns, , registryMirror] = await Promise.all([
    // A user-namespaced engine refuses --privileged (and it would give nothing the namespace does not).
    remap ? false : canRunPrivileged(docker, config),
    upstreamResolvers(),
    ensureSandboxNetwork(docker, config.SLIPWAY_NETWORK),
    resolveMirror(docker, config),
  ]);
  const routing = remap !== undefined;
  // Sessions need their shared network routed before any server starts (the lesson proofs run without one).
  if (routing) await installNetworkRules(docker, config.SLIPWAY_NETWORK, { firewall: undefined, routing });
  return { privileged, dns, registryMirror, remap, routing };
}
