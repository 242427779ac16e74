// A sandbox without an inner engine: a plain container of an image such as the kit's node:22, the fallback of a
// `runtime: webcontainer` lesson. It runs with Docker's default confinement (no added capabilities, default
// seccomp, no new privileges) and gets the sandbox image's prompt hook, so its terminal, checks, files and
// ports work as a Docker sandbox's do; its entrypoint only says it is ready and waits.
import type Docker from 'dockerode';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeFiles } from '../lessons/write-files.ts';
import type { SandboxLimits, SandboxSpec } from './sandbox-container.ts';

const imageFile = (name: string) => readFile(fileURLToPath(new URL(`../image/${name}`, import.meta.url)));

// mkdir: the disk watchdog measures /var/lib/docker in every sandbox (empty here).
const ENTRYPOINT = ['sh', '-c', 'mkdir -p /var/lib/docker && echo "slipway-sandbox: ready" && exec sleep infinity'];

export function plainContainer(spec: SandboxSpec): Pick<Docker.ContainerCreateOptions, 'Entrypoint' | 'Cmd' | 'WorkingDir' | 'Env' | 'HostConfig'> {
  return {
    Entrypoint: ENTRYPOINT,
    Cmd: [],
    WorkingDir: '/root',
    // npm would look for its own updates on a registry the sandbox cannot reach.
    Env: ['LANG=C.UTF-8', 'TERM=xterm-256color', 'npm_config_update_notifier=false', 'npm_config_fund=false'],
    HostConfig: { ...plainHostConfig(spec.limits, spec.runtime), NetworkMode: spec.network },
  };
}

export function plainHostConfig(limits: SandboxLimits, runtime = ''): Docker.HostConfig {
  return {
    ...(runtime ? { Runtime: runtime } : {}),
    Init: true,
    Memory: limits.memoryBytes,
    MemorySwap: limits.memoryBytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    SecurityOpt: ['no-new-privileges'],
    LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
  };
}

/** The prompt hook the sandbox image bakes in, copied into the created (not yet started) container. */
export async function addPromptHook(container: Docker.Container): Promise<void> {
  await writeFiles(container, [
    { path: '/etc/profile.d/slipway-prompt.sh', content: await imageFile('prompt-hook.sh') },
    { path: '/etc/slipway/bashrc-prompt.sh', content: await imageFile('bashrc-prompt.sh') },
  ]);
}
