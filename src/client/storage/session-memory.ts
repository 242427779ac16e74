// What the browser remembers of its sandboxes: the sessions it started (localStorage, one per lesson, so
// every tab and reload of a lesson reuses one sandbox and the learner can end the ones they left) and, per
// tab, the shell each terminal drives (sessionStorage, so a reload asks for the same shell back).
import {
  KNOWN_SESSIONS_KEY,
  KnownSessionsSchema,
  ShellIdsSchema,
  shellIdsKey,
  type KnownSession,
} from '../../../shared/contracts/browser-state-schemas.ts';
import { readJson, removeKey, writeJson, type KeyValueStore } from './browser-storage.ts';

export function knownSessions(storage: KeyValueStore | null): KnownSession[] {
  const raw = storage ? readJson(storage, KNOWN_SESSIONS_KEY) : undefined;
  if (!storage || raw === undefined) return [];
  const parsed = 'value' in raw ? KnownSessionsSchema.safeParse(raw.value) : null;
  if (parsed?.success) return parsed.data;
  console.warn('[slipway] dropping an unreadable list of saved sessions');
  removeKey(storage, KNOWN_SESSIONS_KEY);
  return [];
}

/** Remembers a session, replacing any other of the same lesson (one per lesson). */
export function rememberSession(storage: KeyValueStore | null, session: KnownSession): void {
  if (!storage) return;
  const others = knownSessions(storage).filter((known) => known.lesson !== session.lesson && known.id !== session.id);
  writeJson(storage, KNOWN_SESSIONS_KEY, [...others, { id: session.id, token: session.token, lesson: session.lesson }]);
}

export function forgetKnownSession(storage: KeyValueStore | null, id: string): void {
  if (!storage) return;
  writeJson(storage, KNOWN_SESSIONS_KEY, knownSessions(storage).filter((known) => known.id !== id));
}

/** The shell ids this tab's terminals drove in a session, by terminal (`node1`, `node1/2`…). */
export function shellIds(storage: KeyValueStore | null, sessionId: string): Record<string, string> {
  const raw = storage ? readJson(storage, shellIdsKey(sessionId)) : undefined;
  if (!storage || raw === undefined) return {};
  const parsed = 'value' in raw ? ShellIdsSchema.safeParse(raw.value) : null;
  if (parsed?.success) return parsed.data;
  removeKey(storage, shellIdsKey(sessionId));
  return {};
}

export function rememberShell(storage: KeyValueStore | null, sessionId: string, terminal: string, shell: string): void {
  if (!storage) return;
  writeJson(storage, shellIdsKey(sessionId), { ...shellIds(storage, sessionId), [terminal]: shell });
}

export function forgetShell(storage: KeyValueStore | null, sessionId: string, terminal: string): void {
  if (!storage) return;
  const { [terminal]: _gone, ...rest } = shellIds(storage, sessionId);
  writeJson(storage, shellIdsKey(sessionId), rest);
}
