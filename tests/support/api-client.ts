// Typed calls to the public HTTP API, validated with the same schemas the browser uses.
import assert from 'node:assert/strict';
import { SessionSchema, type SessionInfo } from '../../src/shared/api-schemas.ts';

export async function createSession(baseUrl: string, lesson = 'first-container'): Promise<SessionInfo> {
  const response = await fetch(`${baseUrl}/api/sessions`, { method: 'POST', body: JSON.stringify({ lesson }) });
  if (response.status !== 201) assert.fail(`creating a session answered ${response.status}: ${await response.text()}`);
  return SessionSchema.parse(await response.json());
}

export function authorized(session: SessionInfo, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...init.headers, authorization: `Bearer ${session.token}` } };
}

export const terminalUrl = (wsBase: string, session: SessionInfo, token = session.token) =>
  `${wsBase}/api/sessions/${session.id}/terminal?token=${encodeURIComponent(token)}`;
