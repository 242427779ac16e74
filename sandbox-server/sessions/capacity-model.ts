// Who may start now, who waits in line, how many sandboxes may warm, and when a session has been idle too
// long: pure rules over a snapshot of the server's load. No Docker and no timers (the caller gives the time),
// so every rule is unit-tested (capacity-model.test.ts); SessionManager takes the snapshot and acts.
import { DomainError } from '../domain-error.ts';

export interface CapacityLimits {
  /** Sandboxes the server may run at once (SLIPWAY_MAX_SESSIONS), warm ones and every node included. */
  maxSandboxes: number;
  /** Sessions that may wait for capacity (SLIPWAY_MAX_QUEUE); 0 refuses at once when full. */
  maxQueue: number;
  sessionsPerClient: number;
  sessionsPerAddress: number;
  nodesPerClient: number;
  /** The most nodes one session may have. */
  maxNodes: number;
  /** Warm sandboxes kept ready when nothing is reserved (SLIPWAY_POOL_SIZE). */
  poolSize: number;
}

/** One session, as the rules see it. */
export interface SessionLoad {
  client: string;
  address: string;
  state: 'queued' | 'starting' | 'ready';
  /** How many nodes its lesson starts with. */
  lessonNodes: number;
  /** Its nodes beyond node1, running or starting; undefined while it has no sandbox. */
  extraNodes: number | undefined;
}

/** The server at one moment. */
export interface ServerLoad {
  sessions: readonly SessionLoad[];
  /** Sandboxes being started (or the old nodes of a reset being removed) for sessions. */
  starting: number;
  /** Sandboxes the pool can hand out now (ready, or warming with nobody waiting for them). */
  poolAvailable: number;
  /** Sandboxes the pool holds that no session has claimed (available ones and those being removed). */
  poolUnclaimed: number;
  /** Sessions waiting in line. */
  queued: number;
}

/** Sandboxes a session of a lesson with `lessonNodes` nodes starts with, within what the server may run at all. */
export function sandboxesFor(limits: CapacityLimits, lessonNodes: number): number {
  return Math.max(1, Math.min(lessonNodes, limits.maxNodes, limits.maxSandboxes));
}

/**
 * Sandboxes running or starting: ready sessions' node1, every session's extra nodes, sandboxes being started
 * for sessions, and the pool's unclaimed ones (one warming for a session is that session's, counted in `starting`).
 */
export function inUse(load: ServerLoad): number {
  let used = load.starting + load.poolUnclaimed;
  for (const session of load.sessions) {
    if (session.state === 'ready') used += 1;
    used += session.extraNodes ?? 0;
  }
  return used;
}

/** Whether `count` more sandboxes fit now, node1 taken from the pool when one is warm or warming. */
export function fits(limits: CapacityLimits, load: ServerLoad, count: number): boolean {
  const fromPool = load.poolAvailable > 0 ? 1 : 0;
  return inUse(load) - fromPool + count <= limits.maxSandboxes;
}

/** A `rate-limited` DomainError when a new session of `client` (from `address`) would be one too many. */
export function assertMayCreate(limits: CapacityLimits, load: ServerLoad, request: { client: string; address: string; lessonNodes: number }): void {
  const ofClient = load.sessions.filter((session) => session.client === request.client).length;
  if (ofClient >= limits.sessionsPerClient) throw new DomainError('rate-limited', 'sessionLimit', { limit: limits.sessionsPerClient });
  const ofAddress = load.sessions.filter((session) => session.address === request.address).length;
  if (ofAddress >= limits.sessionsPerAddress) throw new DomainError('rate-limited', 'addressLimit', { limit: limits.sessionsPerAddress });
  assertNodeRoom(limits, load, request.client, sandboxesFor(limits, request.lessonNodes));
}

/** Whether a new session starts now or waits in line (nobody overtakes the line); an `unavailable` DomainError when the line is full. */
export function placement(limits: CapacityLimits, load: ServerLoad, lessonNodes: number): 'start' | 'queue' {
  if (load.queued === 0 && fits(limits, load, sandboxesFor(limits, lessonNodes))) return 'start';
  if (load.queued >= limits.maxQueue) throw new DomainError('unavailable', limits.maxQueue > 0 ? 'queueFull' : 'serverFull');
  return 'queue';
}

/** A `rate-limited` DomainError when `client` would hold more than its nodes with `more` added. */
export function assertNodeRoom(limits: CapacityLimits, load: ServerLoad, client: string, more = 1): void {
  let held = 0;
  for (const session of load.sessions) {
    if (session.client === client) held += session.extraNodes === undefined ? sandboxesFor(limits, session.lessonNodes) : 1 + session.extraNodes;
  }
  if (held + more > limits.nodesPerClient) throw new DomainError('rate-limited', 'nodeLimit', { held, limit: limits.nodesPerClient });
}

/** Whether the first in line (a lesson of `lessonNodes` nodes) may start now. */
export function headFits(limits: CapacityLimits, load: ServerLoad, lessonNodes: number): boolean {
  return fits(limits, load, sandboxesFor(limits, lessonNodes));
}

/** Whether the pool may warm one more sandbox: freed capacity goes to the line first. */
export function poolMayGrow(limits: CapacityLimits, load: ServerLoad): boolean {
  return load.queued === 0 && inUse(load) < limits.maxSandboxes;
}

/** Warm sandboxes wanted: the configured pool plus every reservation (a workshop about to start). */
export function poolTarget(limits: CapacityLimits, reservations: Iterable<number>): number {
  let reserved = 0;
  for (const count of reservations) reserved += count;
  return limits.poolSize + reserved;
}

export interface SweepCandidate {
  state: 'queued' | 'starting' | 'ready';
  endsAt: number;
  lastActivity: number;
  /** Its engine is unreachable: the learner cannot be active meanwhile. */
  suspended: boolean;
  /** A terminal is open on it (a learner watching the queue is waiting, not idle). */
  watched: boolean;
}

/**
 * What a sweep at `now` does with a session: nothing, keep it alive (it waits in line with its terminal open),
 * or end it because it reached its time limit or was idle longer than `idleMs`.
 */
export function sweepVerdict(session: SweepCandidate, now: number, idleMs: number): 'keep' | 'touch' | 'time-limit' | 'idle' {
  if (session.state === 'starting' || session.suspended) return 'keep';
  if (session.state === 'queued' && session.watched) return 'touch';
  if (session.state === 'ready' && session.endsAt <= now) return 'time-limit';
  return session.lastActivity < now - idleMs ? 'idle' : 'keep';
}
