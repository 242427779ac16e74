// What happens to sessions, for whoever follows them (the classroom, the metrics) without polling: a typed
// event bus. Listeners run synchronously, in the order they subscribed; one that throws is logged and does
// not stop the others, nor the session's own work.
import { errorMessage, log } from '../logger.ts';
import type { Session } from './session.ts';

export interface SessionEventMap {
  /** Waiting for capacity, at `position` (1 = next). */
  queued: { session: Session; position: number };
  /** Its sandbox is ready, `readyMs` after it was asked for. */
  started: { session: Session; readyMs: number; pooled: boolean; dequeued: boolean };
  /** Its sandbox could not be started (the session ends). */
  'start-failed': { session: Session; error: string };
  /** Its nodes were replaced by fresh ones. */
  reset: { session: Session };
  /** A step was checked (asked for, or after a command); `ok` completed it. */
  checked: { session: Session; step: string; ok: boolean; output: string; requested: boolean };
  /** It is over: deleted, idle, over time, its engine lost, or the server shutting down. */
  ended: { session: Session; reason: string };
}

export type SessionEventName = keyof SessionEventMap;
type Listener<K extends SessionEventName> = (event: SessionEventMap[K]) => void;

export class SessionEvents {
  // Each set holds listeners of its own event only (on() keeps them apart), so the casts below are sound.
  private readonly listeners = new Map<SessionEventName, Set<Listener<never>>>();

  /** Calls `listener` on every `name` event; returns the unsubscribe function. */
  on<K extends SessionEventName>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends SessionEventName>(name: K, event: SessionEventMap[K]): void {
    for (const listener of (this.listeners.get(name) ?? []) as Set<Listener<K>>) {
      try {
        listener(event);
      } catch (error) {
        log.error('session.listener_failed', { event: name, error: errorMessage(error) });
      }
    }
  }
}
