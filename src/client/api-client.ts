// The browser's one client for the HTTP API (docs/api.md): JSON in, bodies validated with the shared schemas,
// and every failure one ApiError carrying the HTTP status, a code and one sentence in the page's language.
// The lesson page, the join and new-workshop pages and the dashboard all call through here.
import type { z } from 'zod';
import { ApiErrorSchema } from '../../shared/contracts/api-schemas.ts';
import { isMessageKey } from '../../shared/i18n/ui-strings.ts';
import { pageTranslator } from './page-translator.ts';
import type { Translate } from './localize.ts';

/** Codes the client gives failures the server did not name (the server's own codes are in docs/api.md, "Errors"). */
export type LocalErrorCode = 'unreachable' | 'httpStatus' | 'unexpected' | 'uncoded';

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The server's error code, or a LocalErrorCode. */
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as `Authorization: Bearer …` (session, learner, instructor or operator token). */
  token?: string;
  /** Lets a DELETE outlive the page that sends it (pagehide). */
  keepalive?: boolean;
  /** The language of the error sentence; the page's by default. */
  t?: Translate;
}

/** The failure of a request the server answered with `status` and `body`, as one sentence in the page's language. */
export function apiError(status: number, body: unknown, t: Translate): ApiError {
  const parsed = ApiErrorSchema.safeParse(body);
  if (!parsed.success) return new ApiError(status, 'httpStatus', t('error.httpStatus', { status }));
  const { error, code, params } = parsed.data;
  const key = `error.${code ?? ''}`;
  // A code this page has no sentence for (a newer server) still shows the server's English one.
  if (code && isMessageKey(key)) return new ApiError(status, code, t(key, params ?? {}));
  return new ApiError(status, code ?? 'uncoded', error);
}

async function send(method: string, url: string, options: RequestOptions, t: Translate): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch {
    throw new ApiError(0, 'unreachable', t('error.unreachable'));
  }
  if (!response.ok) throw apiError(response.status, await response.json().catch(() => null), t);
  return response;
}

/** A call whose answer `schema` validates; with a null schema the body is ignored (204 and the like). */
export async function apiRequest<T>(method: string, url: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
export async function apiRequest(method: string, url: string, schema: null, options?: RequestOptions): Promise<null>;
export async function apiRequest<T>(method: string, url: string, schema: z.ZodType<T> | null, options: RequestOptions = {}): Promise<T | null> {
  const t = options.t ?? pageTranslator();
  const response = await send(method, url, options, t);
  if (!schema) return null;
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    console.error(`[slipway] unexpected ${method} ${url} body:`, parsed.error);
    throw new ApiError(response.status, 'unexpected', t('error.unexpected'));
  }
  return parsed.data;
}

/** A GET whose answer is a file (the dashboard's exports). */
export async function apiDownload(url: string, options: Pick<RequestOptions, 'token' | 't'> = {}): Promise<Blob> {
  const response = await send('GET', url, options, options.t ?? pageTranslator());
  return response.blob();
}
