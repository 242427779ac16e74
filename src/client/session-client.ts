// Gets this tab a sandbox session: reuses the one kept in sessionStorage while the server still knows it
// (so a reload keeps the learner's containers), otherwise creates one (docs/api.md), possibly queued.
import { ApiErrorSchema, SessionSchema, SessionStatusSchema, type SessionStatus } from '../shared/api-schemas.ts';
import type { MessageKey, MessageParams } from '../i18n/ui-strings.ts';
import { ApiFailure, authHeader, diagnose, sessionPath, sessionRequest } from './session-api.ts';
import type { z } from 'zod';
import { workshopLinkFor } from './workshop-learner.ts';
import { apiErrorText } from './api-error-text.ts';

const STORAGE_KEY = 'slipway.session';
const StoredSessionSchema = SessionSchema.pick({ id: true, token: true, lesson: true });
export type StoredSession = z.infer<typeof StoredSessionSchema>;

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
  constructor(status: StartProblem['status'], key: MessageKey, params: MessageParams = {}) {
    super(key);
    this.status = status;
    this.key = key;
    this.params = params;
  }
}

export async function openSession(lesson: string): Promise<OpenedSession> {
  const stored = readStored();
  if (stored && stored.lesson === lesson) {
    const status = await statusOf(stored);
    if (status) return { session: stored, status, queued: null };
  } else if (stored) {
    forgetSession();
  }
  const created = await createSession(lesson);
  writeStored(created.session);
  return created;
}

/** Ends this tab's session (best effort) and forgets it, so the next page load starts a fresh sandbox. */
export function forgetSession(): void {
  const stored = readStored();
  // One sandbox per tab: free it now instead of waiting for its idle timeout.
  if (stored) void fetch(sessionPath(stored), { method: 'DELETE', headers: authHeader(stored), keepalive: true }).catch(() => {});
  removeStored();
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
    if (ApiErrorSchema.safeParse(body).success) throw new StartProblem('error', 'session.failed', { reason: apiErrorText(body, response.status) });
    throw new StartProblem('error', 'status.startFailed', { status: response.status });
  }
  console.error('[slipway] unexpected POST /api/sessions body:', body);
  throw new StartProblem('error', 'status.unexpected');
}

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

function readStored(): StoredSession | null {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    if (text === null) return null;
    const parsed = StoredSessionSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.warn('[slipway] dropping a corrupt saved session:', parsed.error.message);
  } catch (error) {
    console.warn('[slipway] dropping an unreadable saved session:', error);
  }
  removeStored();
  return null;
}

// Storage can be disabled or full (private modes); the page still works, a reload just starts a new sandbox.
function writeStored(session: StoredSession): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch (error) {
    console.warn('[slipway] could not save the session for reloads:', error);
  }
}

export function removeStored(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to clean up if storage is unavailable.
  }
}
