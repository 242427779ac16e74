// Gets this tab a sandbox session: reuses the one kept in sessionStorage while the server still knows it
// (so a reload keeps the learner's containers and progress), otherwise creates one (docs/api.md).
import { ApiErrorSchema, SessionSchema, SessionStatusSchema } from '../shared/api-schemas.ts';
import type { z } from 'zod';
import { workshopLinkFor } from './workshop-learner.ts';

const STORAGE_KEY = 'slipway.session';
const StoredSessionSchema = SessionSchema.pick({ id: true, token: true, lesson: true });
export type StoredSession = z.infer<typeof StoredSessionSchema>;

export interface OpenedSession {
  session: StoredSession;
  /** Step ids the session had already completed. */
  completed: string[];
}

export async function openSession(lesson: string): Promise<OpenedSession> {
  const stored = readStored();
  if (stored && stored.lesson === lesson) {
    const completed = await stillAlive(stored);
    if (completed) return { session: stored, completed };
  } else if (stored) {
    // One sandbox per tab: moving to another lesson frees the previous one instead of waiting for its idle timeout.
    void fetch(sessionUrl(stored), { method: 'DELETE', headers: auth(stored), keepalive: true }).catch(() => {});
  }
  const session = await createSession(lesson);
  writeStored(session);
  return { session, completed: [] };
}

async function createSession(lesson: string): Promise<StoredSession> {
  let response: Response;
  try {
    response = await fetch('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A workshop learner's sessions report their progress to the workshop.
      body: JSON.stringify({ lesson, workshop: workshopLinkFor(lesson) }),
    });
  } catch {
    throw new Error('Could not reach the Slipway server. Check that it is running, then reload the page.');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ApiErrorSchema.safeParse(body);
    throw new Error(error.success ? error.data.error : `The server could not start a sandbox (HTTP ${response.status}).`);
  }
  const created = SessionSchema.safeParse(body);
  if (!created.success) {
    console.error('[slipway] unexpected POST /api/sessions body:', created.error);
    throw new Error('The server answered with something unexpected. Reload the page to try again.');
  }
  return { id: created.data.id, token: created.data.token, lesson: created.data.lesson };
}

/** The session's completed steps if the server still knows it, otherwise null. */
async function stillAlive(session: StoredSession): Promise<string[] | null> {
  try {
    const response = await fetch(sessionUrl(session), { headers: auth(session) });
    if (response.status !== 200) return null;
    const status = SessionStatusSchema.safeParse(await response.json());
    if (status.success && status.data.id === session.id) return status.data.completed;
    console.warn('[slipway] unexpected GET /api/sessions/:id body, starting a new session');
  } catch (error) {
    console.warn('[slipway] could not check the saved session, starting a new one:', error);
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

const sessionUrl = (session: StoredSession) => `/api/sessions/${encodeURIComponent(session.id)}`;
const auth = (session: StoredSession) => ({ authorization: `Bearer ${session.token}` });
