// Keeps each sandbox's disk (its writable layer and the inner engine's storage, an anonymous volume without a
// quota: Docker's local volume driver has none) within SLIPWAY_SANDBOX_DISK. Measures from the host
// (disk-usage.ts), one sandbox at a time; warns the learner at 80 % and ends the session at 100 %. Every node
// of a session is a sandbox of its own with its own storage: each is measured against the limit.
import type Docker from 'dockerode';
import { errorMessage, log } from '../logger.ts';
import { sandboxDiskUse } from './disk-usage.ts';
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

export function startDiskWatchdog(options: DiskWatchdogOptions): DiskWatchdog {
  // Warned nodes, by session: each node has its own engine storage and its own limit.
  const warned = new WeakMap<Session, Set<string>>();
  let running = false;
  /** Measures one node; true when the session ended because of it. */
  const check = async (session: Session, node: string, container: Docker.Container): Promise<boolean> => {
    const measured = await sandboxDiskUse(container).catch((error: unknown) => {
      log.warn('disk.measure_failed', { id: session.id, node, error: errorMessage(error) });
      return undefined;
    });
    const used = measured?.bytes;
    if (used === undefined || session.state !== 'ready') return false;
    const share = used / options.limitBytes;
    // Multi-node sessions hear which node it is; single-node ones need not know about nodes.
    const subject = session.nodes.names().length > 1 ? node : 'Your sandbox';
    const nodeWarned = warned.get(session) ?? new Set<string>();
    warned.set(session, nodeWarned);
    if (share >= 1) {
      log.warn('disk.limit_reached', { id: session.id, node, used, limit: options.limitBytes });
      await options.end(session, `${subject} used all of its disk space (${gib(options.limitBytes)}): the session ended. Reload the page for a fresh sandbox.`);
      return true;
    }
    if (share >= WARN_AT && !nodeWarned.has(node)) {
      nodeWarned.add(node);
      session.broadcast({
        type: 'notice',
        level: 'warning',
        message: `${subject} has used ${Math.floor(share * 100)} % of its disk space (${gib(used)} of ${gib(options.limitBytes)}). Free some (docker system prune -a) or the session ends when it is full.`,
      });
    } else if (share < WARN_AT) nodeWarned.delete(node);
    return false;
  };
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const session of options.sessions()) {
        if (session.state !== 'ready') continue;
        for (const node of session.nodes.names()) {
          const container = session.state === 'ready' ? session.nodes.container(node) : undefined;
          if (container && (await check(session, node, container))) break;
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
