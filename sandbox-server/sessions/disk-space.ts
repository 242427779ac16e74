// New sandboxes are refused while the host's disk is nearly full (SLIPWAY_MIN_FREE_DISK): a sandbox's engine
// storage and the session records both live on it, and a full disk would break the sessions already running.
// Measured where it matters: the engine's data root when it is on this machine, and SLIPWAY_DATA_DIR.
import { statfs } from 'node:fs/promises';
import { DomainError } from '../domain-error.ts';
import { log } from '../logger.ts';

const size = (bytes: number) => (bytes < 2 ** 30 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`);

/** Free bytes for unprivileged writers on the filesystem holding `path`; undefined when it is not here. */
export async function freeBytes(path: string): Promise<number | undefined> {
  const stats = await statfs(path).catch(() => undefined);
  return stats ? stats.bavail * stats.bsize : undefined;
}

/** Throws a `no-space` DomainError when any of `paths` has less than `minFree` bytes free. */
export async function assertRoomOnDisk(paths: string[], minFree: number): Promise<void> {
  for (const path of paths) {
    const free = await freeBytes(path);
    if (free === undefined || free >= minFree) continue;
    log.warn('disk.nearly_full', { path, free, minFree });
    throw new DomainError('no-space', 'diskFull', { free: size(free), minFree: size(minFree) });
  }
}
