// Gets a lesson page a sandbox session: one per lesson in this browser, reused by every tab and reload while
// the server still knows it (so a reload keeps the learner's containers), otherwise created (docs/api.md),
// possibly queued. Sessions of other lessons that no open tab uses are ended first, and awaited, so moving
// from lesson to lesson never runs into the per-client limit.
import { ApiErrorSchema, SessionSchema, SessionStatusSchema, type SessionStatus } from '../../shared/contracts/api-schemas.ts';
import type { KnownSession } from '../../shared/contracts/browser-state-schemas.ts';
import type { MessageKey, MessageParams } from '../../shared/i18n/ui-strings.ts';
import type { ConnectionAction } from './lesson-store.ts';
import { ApiFailure, authHeader, diagnose, sessionPath, sessionRequest } from './session-api.ts';
import { workshopLinkFor } from './workshop-learner.ts';
import { apiErrorText } from './api-error-text.ts';
import { browserStorage } from './storage/browser-storage.ts';
import { forgetKnownSession, knownSessions, rememberSession } from './storage/session-memory.ts';

export type StoredSession = KnownSession;

export interface OpenedSession {
  session: StoredSession;
  /** The server's view of it; null for a session still waiting in the queue. */
  status: SessionStatus | null;
  /** Queue position when every sandbox is busy. */
  queued: number | null;
}

/** Why no session could be opened, as the status line should say it. */
export class StartProblem extends Error {
  readonly status: 'unreachable' | 'engine-down' | 'error';
  readonly key: MessageKey;
  readonly params: MessageParams;
  /** What helps when it is not "try again": ending one of the learner's sandboxes, leaving an ended workshop. */
  readonly action: ConnectionAction | undefined;
  constructor(status: StartProblem['status'], key: MessageKey, params: MessageParams = {}, action?: ConnectionAction) {
    super(key);
    this.status = status;
    this.key = key;
    this.params = params;
    this.action = action;
  }
}

export async function openSession(lesson: string): Promise<OpenedSession> {
  const storage = browserStorage();
  const known = knownSessions(storage);
  const mine = known.find((session) => session.lesson === lesson);
  if (mine) {
    const status = await statusOf(mine);
    if (status) {
      holdSession(mine.id);
      return { session: mine, status, queued: null };
    }
    forgetKnownSession(storage, mine.id);
  }
  const inUse = await sessionsInUse();
  // Awaited: the server counts a session until its DELETE is answered.
  await Promise.all(known.filter((session) => session.lesson !== lesson && inUse !== null && !inUse.has(session.id)).map(endSession));
  const created = await createSession(lesson);
  rememberSession(storage, created.session);
  holdSession(created.session.id);
  return created;
}

/** Ends a session (best effort: a session already gone is as good) and forgets it. */
export async function endSession(session: StoredSession): Promise<void> {
  await fetch(sessionPath(session), { method: 'DELETE', headers: authHeader(session), keepalive: true }).catch(() => undefined);
  forgetKnownSession(browserStorage(), session.id);
}

/** Ends every session this browser started (joining a workshop: the next lessons start the workshop's own). */
export async function endAllSessions(): Promise<void> {
  await Promise.all(knownSessions(browserStorage()).map(endSession));
}

/** The sessions this browser started that the server still runs, with their status (for "Your sandboxes"). */
export async function mySessions(): Promise<{ session: StoredSession; status: SessionStatus }[]> {
  const storage = browserStorage();
  const found = await Promise.all(knownSessions(storage).map(async (session) => ({ session, status: await statusOf(session).catch(() => null) })));
  for (const { session, status } of found) if (!status) forgetKnownSession(storage, session.id);
  return found.flatMap(({ session, status }) => (status ? [{ session, status }] : []));
}

const lockName = (id: string) => `slipway.session.${id}`;

/** Tells other tabs this page uses the session, for as long as it is open (a shared Web Lock). */
function holdSession(id: string): void {
  void navigator.locks?.request(lockName(id), { mode: 'shared' }, () => new Promise<never>(() => undefined)).catch(() => undefined);
}

/** Ids of the sessions an open page holds; null where the browser cannot tell (no Web Locks: never end then). */
async function sessionsInUse(): Promise<Set<string> | null> {
  if (!navigator.locks) return null;
  try {
    const { held = [] } = await navigator.locks.query();
    return new Set(held.flatMap((lock) => (lock.name?.startsWith('slipway.session.') ? [lock.name.slice('slipway.session.'.length)] : [])));
  } catch {
    return null;
  }
}

async function createSession(lesson: string): Promise<OpenedSession> {
  let response: Response;
  try {
    response = await fetch('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A workshop learner's sessions report their progress to the workshop.
      body: JSON.stringify({ lesson, workshop: workshopLinkFor(lesson) }),
    });
  } catch {
    throw new StartProblem('unreachable', 'status.unreachable');
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    // 201: ready; 202: every sandbox is busy, the terminal socket reports the queue until one is free.
    const created = SessionSchema.safeParse(body);
    if (created.success) {
      const session = { id: created.data.id, token: created.data.token, lesson: created.data.lesson };
      if (created.data.queued) return { session, status: null, queued: created.data.queued.position };
      return { session, status: await statusOf(session), queued: null };
    }
  } else {
    const cause = await diagnose();
    if (cause) throw new StartProblem(cause, cause === 'unreachable' ? 'status.unreachable' : 'status.engineDown');
    // The server's own sentence (capacity full, unknown lesson) says what to do better than a status code.
    if (ApiErrorSchema.safeParse(body).success) throw new StartProblem('error', 'session.failed', { reason: apiErrorText(body, response.status) }, ACTIONS[response.status]);
    throw new StartProblem('error', 'status.startFailed', { status: response.status });
  }
  console.error('[slipway] unexpected POST /api/sessions body:', body);
  throw new StartProblem('error', 'status.unexpected');
}

/** 429: this browser holds too many sandboxes (let the learner end some); 410: the workshop is over. */
const ACTIONS: Record<number, ConnectionAction> = { 429: 'sessions', 410: 'leave-workshop' };

/** The session's status if the server still knows it, otherwise null. */
async function statusOf(session: StoredSession): Promise<SessionStatus | null> {
  try {
    const status = await sessionRequest(session, 'GET', '', SessionStatusSchema);
    if (status?.id === session.id) return status;
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 0) throw new StartProblem('unreachable', 'status.unreachable');
    console.warn('[slipway] the saved session is gone, starting a new one:', error);
  }
  return null;
}
