// Keeps each sandbox's inner engine storage (/var/lib/docker, an anonymous volume without a quota: Docker's
// local volume driver has none) within SLIPWAY_SANDBOX_DISK. Measures with `du` inside the sandbox, one
// sandbox at a time, at low priority; warns the learner at 80 % and ends the session at 100 %.
import { runCommand } from '../engine/run-command.ts';
import { errorMessage, log } from '../logger.ts';
import type { Session } from './session.ts';

const WARN_AT = 0.8;

export interface DiskWatchdogOptions {
  intervalMs: number;
  limitBytes: number;
  sessions: () => Session[];
  end: (session: Session, reason: string) => Promise<void>;
}

export interface DiskWatchdog {
  stop(): void;
}

const gib = (bytes: number) => (bytes < 2 ** 30 ? `${Math.round(bytes / 2 ** 20)} MiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`);

/** Bytes used under /var/lib/docker, this filesystem only (inner containers' overlay mounts are not counted twice). */
export async function innerDiskUse(session: Session): Promise<number> {
  const { exitCode, output } = await runCommand(session.container, ['nice', '-n', '19', 'du', '-skx', '/var/lib/docker'], { maxOutputBytes: 4096 });
  const kib = /^(\d+)\s/m.exec(output)?.[1];
  // du exits 1 when files vanish while it counts (containers coming and going): its total still stands.
  if (kib === undefined) throw new Error(`du failed (exit ${exitCode}): ${output.trim().slice(0, 200)}`);
  return Number(kib) * 1024;
}

export function startDiskWatchdog(options: DiskWatchdogOptions): DiskWatchdog {
  const warned = new WeakSet<Session>();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const session of options.sessions()) {
        if (session.state !== 'ready') continue;
        const used = await innerDiskUse(session).catch((error: unknown) => {
          log.warn('disk.measure_failed', { id: session.id, error: errorMessage(error) });
          return undefined;
        });
        if (used === undefined || session.state !== 'ready') continue;
        const share = used / options.limitBytes;
        if (share >= 1) {
          log.warn('disk.limit_reached', { id: session.id, used, limit: options.limitBytes });
          await options.end(session, `Your sandbox used all of its disk space (${gib(options.limitBytes)}): the session ended. Reload the page for a fresh sandbox.`);
        } else if (share >= WARN_AT && !warned.has(session)) {
          warned.add(session);
          session.broadcast({
            type: 'notice',
            level: 'warning',
            message: `Your sandbox has used ${Math.floor(share * 100)} % of its disk space (${gib(used)} of ${gib(options.limitBytes)}). Free some (docker system prune -a) or the session ends when it is full.`,
          });
        } else if (share < WARN_AT) warned.delete(session);
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
