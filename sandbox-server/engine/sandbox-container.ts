// One learner's Docker-in-Docker container: created with the flags that work on this host, ready once its
// entrypoint logs "slipway-sandbox: ready" (the inner engine answers).
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { mirrorDockerdArgs } from '../mirror/mirror-address.ts';
import { delegateCgroups } from './cgroup-delegation.ts';
import { guardSharedNetwork } from './shared-network-guard.ts';
import { INNER_ENGINE } from './sandbox-engine-layout.ts';
import type { Remap } from './user-namespace.ts';

export const INSTANCE_LABEL = 'slipway.instance';
export const SANDBOX_LABEL = 'slipway.sandbox';
const READY_LINE = 'slipway-sandbox: ready';

/** What one sandbox may use; the inner engine's containers live inside these limits. */
export interface SandboxLimits {
  memoryBytes: number;
  cpus: number;
  pids: number;
}

// Inner containers' logs are capped so a chatty container cannot fill the sandbox's disk; pulls go through
// the registry mirror (the image kit) when there is one. The inner engine's addresses are pinned away from
// every address the sandbox must reach (its network, the mirror): left to itself, `docker swarm init` puts
// docker_gwbridge on the first free 172.x/16, which can be the sandbox network's own.
const innerDockerdArgs = (spec: SandboxSpec) =>
  [
    '--log-opt max-size=10m --log-opt max-file=2',
    `--bip ${INNER_ENGINE.bip} --default-address-pool base=${INNER_ENGINE.addressPool},size=${INNER_ENGINE.poolSize}`,
    ...spec.dns.map((server) => `--dns ${server}`),
    ...mirrorDockerdArgs(spec.registryMirror),
  ].join(' ');

export interface SandboxSpec {
  image: string;
  limits: SandboxLimits;
  network: string;
  /** DNS servers for the inner engine's containers. */
  dns: string[];
  /** Registry mirror URL for the inner engine's pulls. */
  registryMirror: string | undefined;
  instance: string;
  /** Names the container `slipway-<sandboxId>`; a pooled sandbox is renamed after its session on hand-over. */
  sandboxId: string;
  privileged: boolean;
  /** OCI runtime (HostConfig.Runtime); empty: the engine's default. */
  runtime: string;
  /** On a user-namespaced engine: the host ids of the sandbox's root, which its cgroups are delegated to. */
  remap: Remap | undefined;
  readyTimeoutMs: number;
  /** The node's hostname (default node1); other nodes of a session resolve it on their private network. */
  hostname?: string;
  /** Extra labels (the session and node of a node added to a running session). */
  labels?: Record<string, string>;
  /** Names the node answers to on its network: only on a session's private network, never the shared one. */
  aliases?: string[];
}

/** Runtimes that run a Docker engine in a container without extra privileges (they virtualise what DinD needs). */
const UNPRIVILEGED_DIND_RUNTIMES = new Set(['sysbox-runc']);

// @types/dockerode lags the Engine API (CgroupnsMode and the masked/read-only path lists are API 1.41).
type HostConfig = Docker.HostConfig & { CgroupnsMode?: 'private' | 'host'; MaskedPaths?: string[]; ReadonlyPaths?: string[] };

export const sandboxName = (id: string) => `slipway-${id}`;

export function hostConfig(privileged: boolean, limits: SandboxLimits, runtime = '', userns = false): HostConfig {
  const common: HostConfig = {
    ...(runtime ? { Runtime: runtime } : {}),
    CgroupnsMode: 'private',
    Init: true,
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
  };
  if (UNPRIVILEGED_DIND_RUNTIMES.has(runtime)) return common;
  if (privileged && !userns) return { ...common, Privileged: true, DeviceCgroupRules: ['a *:* rwm'] };
  // GROUND.md: every capability but CAP_SYS_RESOURCE, no seccomp/apparmor profile, and no masked or
  // read-only /proc and /sys paths (the CLI's `--security-opt systempaths=unconfined`). In a user namespace
  // the capabilities hold only there, and no device may be opened beyond the engine's default list.
  return {
    ...common,
    CapAdd: ['ALL'],
    CapDrop: ['SYS_RESOURCE'],
    ...(userns ? {} : { DeviceCgroupRules: ['a *:* rwm'] }),
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
    MaskedPaths: [],
    ReadonlyPaths: [],
  };
}

export async function createSandbox(docker: Docker, spec: SandboxSpec): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: spec.image,
    name: sandboxName(spec.sandboxId),
    Hostname: spec.hostname ?? 'node1',
    Labels: { ...spec.labels, [INSTANCE_LABEL]: spec.instance, [SANDBOX_LABEL]: spec.sandboxId },
    Env: [`SLIPWAY_DOCKERD_ARGS=${innerDockerdArgs(spec)}`],
    HostConfig: { ...hostConfig(spec.privileged, spec.limits, spec.runtime, spec.remap !== undefined), NetworkMode: spec.network },
    NetworkingConfig: spec.aliases ? { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } } : undefined,
  });
  try {
    // Attach to the log before starting so the ready line cannot slip past.
    const logs = (await container.attach({ stream: true, stdout: true, stderr: true, logs: true })) as unknown as Readable;
    if (spec.remap) await delegateCgroups(container.id, spec.remap);
    await container.start();
    await guardSharedNetwork(docker, spec.network);
    await waitForReady(container, logs, spec.readyTimeoutMs);
    return container;
  } catch (error) {
    await removeSandbox(container);
    throw error;
  }
}

function waitForReady(container: Docker.Container, logs: Readable, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const finish = (error?: Error) => {
      clearTimeout(timer);
      logs.removeAllListeners('data');
      logs.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`sandbox engine not ready after ${timeoutMs} ms`)), timeoutMs);
    logs.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString('latin1')).slice(-4096);
      if (seen.includes(READY_LINE)) finish();
    });
    logs.on('end', () => {
      void container.inspect().then(
        (info) => finish(new Error(`sandbox exited before its engine was ready (exit ${info.State.ExitCode}): ${printable(seen).slice(-300)}`)),
        (error: Error) => finish(error),
      );
    });
    logs.on('error', (error: Error) => finish(error));
  });
}

// The attach stream is multiplexed: drop the frame headers' control bytes for error messages.
const printable = (text: string) => text.replace(/[\x00-\x08\x0e-\x1f]/g, '').trim();

/** Removes the container with its anonymous volumes (the inner engine's /var/lib/docker). */
export async function removeSandbox(container: Docker.Container): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404) return; // gone already
    if (status !== 409) throw error;
    // Removal already in progress elsewhere: return once it is done.
    await container.wait({ condition: 'removed' }).catch(() => undefined);
  }
}

/** Every sandbox of one server instance, running or not. */
export async function listSandboxes(docker: Docker, instance: string): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${INSTANCE_LABEL}=${instance}`] } });
}
