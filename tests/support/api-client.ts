// Typed calls to the public HTTP API, validated with the same schemas the browser uses.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { SessionSchema, SessionStatusSchema, type SessionInfo, type SessionStatus } from '../../shared/contracts/api-schemas.ts';

/** JSON bodies must say so (the server refuses others with 415). */
export const JSON_HEADERS = { 'content-type': 'application/json' };

export async function createSession(baseUrl: string, lesson = 'first-container'): Promise<SessionInfo> {
  const response = await fetch(`${baseUrl}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson }) });
  if (response.status !== 201) assert.fail(`creating a session answered ${response.status}: ${await response.text()}`);
  return SessionSchema.parse(await response.json());
}

export function authorized(session: SessionInfo, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.body === undefined ? {} : JSON_HEADERS), ...init.headers, authorization: `Bearer ${session.token}` } };
}

export const terminalUrl = (wsBase: string, session: SessionInfo, token = session.token) =>
  `${wsBase}/api/sessions/${session.id}/terminal?token=${encodeURIComponent(token)}`;

/**
 * POST /api/sessions without expecting success: the status and the JSON body. `localAddress` (another
 * 127.x.y.z address) makes the request come from another client, as far as the server can tell.
 */
export function requestSession(baseUrl: string, lesson = 'first-container', localAddress?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}/api/sessions`, { method: 'POST', localAddress, headers: { ...JSON_HEADERS, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(JSON.stringify({ lesson }));
  });
}

/** GET /api/sessions/:id, validated. */
export async function sessionStatus(baseUrl: string, session: SessionInfo): Promise<SessionStatus> {
  const response = await fetch(`${baseUrl}/api/sessions/${session.id}`, authorized(session));
  if (response.status !== 200) assert.fail(`session status answered ${response.status}: ${await response.text()}`);
  return SessionStatusSchema.parse(await response.json());
}

export async function deleteSession(baseUrl: string, session: SessionInfo): Promise<void> {
  const response = await fetch(`${baseUrl}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(response.status, 204, `deleting session ${session.id}`);
}

/**
 * The preview cookie, got as a page's ports link gets it: the token traded on the preview origin (303 with
 * `Set-Cookie`). Returns the `name=value` pair to send as a `cookie` header.
 */
export async function previewCookie(previewBase: string, session: SessionInfo, path: string): Promise<string> {
  const traded = await fetch(`${previewBase}${path}?token=${encodeURIComponent(session.token)}`, { redirect: 'manual' });
  if (traded.status !== 303) assert.fail(`trading the token for a preview cookie answered ${traded.status}: ${await traded.text()}`);
  return (traded.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
