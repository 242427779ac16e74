// How much disk a sandbox uses, measured from the host: its writable layer (the overlay2 upper directory,
// where `fallocate -l 2T /root/f` lands) and its volumes (the inner engine's /var/lib/docker), as the engine
// reports their paths. Nothing inside the sandbox is asked: a learner may have replaced `du`. Blocks are
// counted (a preallocated or sparse file costs what it really holds), hard links once, this filesystem only.
// When the paths are not readable from here (the engine on another host, the server not root), the inner
// engine's storage is measured with `du` inside the sandbox instead, under a deadline.
import { lstat, opendir } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { runCommand } from '../engine/run-command.ts';

/** lstat calls in flight at once while walking one directory. */
const PARALLEL = 32;
const INNER_DU_TIMEOUT_MS = 30_000;

/** The host paths holding a sandbox's own data; undefined entries are absent. */
export async function sandboxDataPaths(container: Docker.Container): Promise<string[]> {
  const info = await container.inspect();
  const upper = (info.GraphDriver?.Data as Record<string, string> | undefined)?.UpperDir;
  const volumes = (info.Mounts ?? []).filter((mount) => mount.Type === 'volume').map((mount) => mount.Source);
  return [upper, ...volumes].filter((entry): entry is string => typeof entry === 'string' && entry !== '');
}

/** Bytes allocated under `root`, not crossing into other filesystems. */
export async function allocatedBytes(root: string): Promise<number> {
  const top = await lstat(root);
  const seen = new Set<string>();
  let total = top.blocks * 512;
  const pending = top.isDirectory() ? [root] : [];
  while (pending.length > 0) {
    const directory = pending.pop() ?? '';
    const names: string[] = [];
    try {
      for await (const entry of await opendir(directory)) names.push(entry.name);
    } catch {
      continue; // removed while we walked (containers come and go)
    }
    for (let start = 0; start < names.length; start += PARALLEL) {
      const stats = await Promise.all(names.slice(start, start + PARALLEL).map((name) => lstat(path.join(directory, name)).then((stat) => ({ name, stat }), () => undefined)));
      for (const found of stats) {
        if (!found || found.stat.dev !== top.dev) continue;
        if (found.stat.nlink > 1 && !found.stat.isDirectory()) {
          const key = `${found.stat.ino}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        total += found.stat.blocks * 512;
        if (found.stat.isDirectory()) pending.push(path.join(directory, found.name));
      }
    }
  }
  return total;
}

/** Bytes used by the sandbox; `hostSide` says whether the host measured it (else its inner engine's du). */
export async function sandboxDiskUse(container: Docker.Container): Promise<{ bytes: number; hostSide: boolean }> {
  const paths = await sandboxDataPaths(container);
  const readable = await Promise.all(paths.map((entry) => lstat(entry).then(() => true, () => false)));
  if (paths.length > 0 && readable.every(Boolean)) {
    const sizes = await Promise.all(paths.map((entry) => allocatedBytes(entry)));
    return { bytes: sizes.reduce((sum, size) => sum + size, 0), hostSide: true };
  }
  return { bytes: await innerDiskUse(container), hostSide: false };
}

/** Bytes used under /var/lib/docker, this filesystem only, as the sandbox's `du` says (the fallback). */
async function innerDiskUse(container: Docker.Container): Promise<number> {
  const { exitCode, output } = await runCommand(container, ['nice', '-n', '19', 'du', '-skx', '/var/lib/docker'], { maxOutputBytes: 4096, timeoutMs: INNER_DU_TIMEOUT_MS });
  const kib = /^(\d+)\s/m.exec(output)?.[1];
  // du exits 1 when files vanish while it counts (containers coming and going): its total still stands.
  if (kib === undefined) throw new Error(`du failed (exit ${exitCode}): ${output.trim().slice(0, 200)}`);
  return Number(kib) * 1024;
}
