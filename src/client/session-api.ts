// Authorised calls on a session's HTTP API (docs/api.md), bodies validated with the shared schemas. Every
// failure becomes an ApiFailure carrying one sentence in the page's language (the server's own when it sent one).
import type { z } from 'zod';
import { apiErrorText, pageTranslator } from './api-error-text.ts';

export interface SessionRef {
  id: string;
  token: string;
}

export class ApiFailure extends Error {
  /** HTTP status, 0 when the server could not be reached. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function sessionPath(session: SessionRef, rest = ''): string {
  return `/api/sessions/${encodeURIComponent(session.id)}${rest}`;
}

export const authHeader = (session: SessionRef) => ({ authorization: `Bearer ${session.token}` });

export async function sessionRequest<T>(
  session: SessionRef,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  rest: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(sessionPath(session, rest), {
      method,
      headers: { ...authHeader(session), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiFailure(0, pageTranslator()('status.unreachable'));
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiFailure(response.status, apiErrorText(json, response.status));
  }
  if (!schema) return null;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`[slipway] unexpected ${method} ${rest} body:`, parsed.error);
    throw new ApiFailure(response.status, pageTranslator()('status.unexpected'));
  }
  return parsed.data;
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
