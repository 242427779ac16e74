// Follows the sandbox engine: which of this instance's sandboxes die (killed from outside, out of memory, the
// engine shutting down), and whether the engine itself is reachable. Its event stream ending is how a lost
// engine is noticed at once; from then on it is pinged every second until it answers, then followed again.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { INSTANCE_LABEL } from './sandbox-container.ts';
import { errorMessage, log } from '../logger.ts';

const PING_INTERVAL_MS = 1000;

export interface EngineEvents {
  /** A sandbox of this instance stopped: its container id. */
  onSandboxDied(containerId: string): void;
  /** The engine stopped answering (restarting, crashed, socket gone). */
  onEngineLost(): void;
  /** It answers again (after onEngineLost); a failure to resume is logged by the watch. */
  onEngineBack(): Promise<void>;
}

export interface EngineWatch {
  stop(): void;
}

export function watchEngine(docker: Docker, instance: string, events: EngineEvents): EngineWatch {
  let stopped = false;
  let stream: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;

  const follow = async (): Promise<void> => {
    try {
      const opened = (await docker.getEvents({ filters: { type: ['container'], event: ['die'], label: [`${INSTANCE_LABEL}=${instance}`] } })) as unknown as Readable;
      if (stopped) return void opened.destroy();
      stream = opened;
    } catch (error) {
      return lost(error);
    }
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const id = dieEventId(line);
        if (id) events.onSandboxDied(id);
      }
    });
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      lost(error);
    };
    stream.on('end', () => end());
    stream.on('close', () => end());
    stream.on('error', (error: Error) => end(error));
  };

  const lost = (error?: unknown): void => {
    if (stopped) return;
    log.warn('engine.lost', { error: error === undefined ? 'event stream ended' : errorMessage(error) });
    events.onEngineLost();
    const ping = () => {
      timer = setTimeout(() => {
        docker.ping().then(
          () => {
            if (stopped) return;
            log.info('engine.back');
            events.onEngineBack().catch((error: unknown) => log.error('engine.back_failed', { error: errorMessage(error) }));
            void follow();
          },
          () => !stopped && ping(),
        );
      }, PING_INTERVAL_MS);
      timer.unref();
    };
    ping();
  };

  void follow();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      stream?.destroy();
    },
  };
}

/** The container id of a `die` event line from the engine's event stream, if it is one. */
export function dieEventId(line: string): string | undefined {
  try {
    const event = JSON.parse(line) as { Type?: string; Action?: string; Actor?: { ID?: string } };
    return event.Type === 'container' && event.Action === 'die' ? event.Actor?.ID : undefined;
  } catch {
    return undefined;
  }
}
