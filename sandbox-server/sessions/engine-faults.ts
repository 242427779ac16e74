// What sessions do when their engine fails under them. A sandbox that dies (killed from outside, out of
// memory, the engine shutting down without live-restore) ends its session with one sentence saying so. An
// engine that stops answering suspends every ready session (terminals wait and are told why); once it answers
// again, sessions whose every node is still running carry on (port watchers restarted), the others end.
import type Docker from 'dockerode';
import type { EngineEvents } from '../engine/engine-events.ts';
import { errorMessage, log } from '../logger.ts';
import type { Session } from './session.ts';
import { endLeftoverShells } from '../terminal/shell-session.ts';

export const SANDBOX_DIED = 'Your sandbox stopped unexpectedly (stopped from outside Slipway or out of memory): start a fresh one.';
export const ENGINE_LOST = 'The Docker engine behind your sandbox stopped answering: your terminal reconnects by itself once it is back.';
export const ENGINE_BACK = 'The Docker engine is back and your sandbox survived: carry on where you were.';
export const DID_NOT_SURVIVE = 'Your sandbox did not survive the Docker engine stopping: start a fresh one.';

export interface FaultTarget {
  sessions(): Session[];
  end(id: string, reason: string): Promise<void>;
  /** Warm sandboxes may be gone after an outage: replace them. */
  recyclePool(): Promise<void>;
}

export function engineFaultHandlers(target: FaultTarget): EngineEvents {
  const end = (session: Session, reason: string) => {
    // The close reason reaches the page as a generic "ended": the notice carries the sentence itself.
    session.broadcast({ type: 'notice', level: 'warning', message: reason });
    return target.end(session.id, reason).catch((error: unknown) => log.error('session.end_failed', { id: session.id, error: errorMessage(error) }));
  };
  return {
    onSandboxDied(containerId) {
      const session = target.sessions().find((candidate) => candidate.state === 'ready' && !candidate.outageNotice && candidate.nodes.containers().some((node) => node.id === containerId));
      if (!session) return; // ours being removed, a reset's old node, or a pool sandbox
      log.warn('session.sandbox_died', { id: session.id, container: containerId.slice(0, 12) });
      void end(session, SANDBOX_DIED);
    },
    onEngineLost() {
      for (const session of target.sessions()) if (session.state === 'ready') session.suspend(ENGINE_LOST);
    },
    async onEngineBack() {
      const waiting = target.sessions().filter((session) => session.outageNotice);
      await Promise.all(
        waiting.map(async (session) => {
          if (await allRunning(session.nodes.containers())) {
            // Their shells' streams were lost with the engine connection: end them, terminals start new ones.
            await Promise.all(session.nodes.containers().map((node) => endLeftoverShells(node).catch(() => undefined)));
            session.nodes.rewatch();
            session.resume(ENGINE_BACK);
            log.info('session.survived_engine', { id: session.id });
          } else await end(session, DID_NOT_SURVIVE);
        }),
      );
      await target.recyclePool();
    },
  };
}

async function allRunning(containers: Docker.Container[]): Promise<boolean> {
  const states = await Promise.all(containers.map((container) => container.inspect().then((info) => info.State.Running, () => false)));
  return states.every(Boolean);
}
