// A session's HTTP API (docs/api.md) through the one API client, authorised with the session's token.
import type { z } from 'zod';
import { apiRequest } from './api-client.ts';

export interface SessionRef {
  id: string;
  token: string;
}

export function sessionPath(session: SessionRef, rest = ''): string {
  return `/api/sessions/${encodeURIComponent(session.id)}${rest}`;
}

export function sessionRequest<T>(session: SessionRef, method: 'GET' | 'POST' | 'PUT' | 'DELETE', rest: string, schema: z.ZodType<T>, body?: unknown): Promise<T>;
export function sessionRequest(session: SessionRef, method: 'GET' | 'POST' | 'PUT' | 'DELETE', rest: string, schema: null, body?: unknown): Promise<null>;
export function sessionRequest<T>(session: SessionRef, method: 'GET' | 'POST' | 'PUT' | 'DELETE', rest: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T | null> {
  const options = { token: session.token, ...(body === undefined ? {} : { body }) };
  return schema ? apiRequest(method, sessionPath(session, rest), schema, options) : apiRequest(method, sessionPath(session, rest), null, options);
}

/** Why nothing works: the server is unreachable, its engine is down, or neither (null). */
export async function diagnose(): Promise<'unreachable' | 'engine-down' | null> {
  try {
    const response = await fetch('/api/health', { cache: 'no-store' });
    return response.status === 503 ? 'engine-down' : null;
  } catch {
    return 'unreachable';
  }
}
