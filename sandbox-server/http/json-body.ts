// Reads and validates a JSON request body: bounded size, clear 4xx errors. The body must say it is JSON:
// a form or a text/plain POST is what another site can make a browser send without asking (no preflight).
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { DomainError } from '../domain-error.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** `maxBytes` is larger only for bodies that carry a file (the files API). */
export async function readJsonBody<T>(request: IncomingMessage, schema: z.ZodType<T>, maxBytes = MAX_BODY_BYTES): Promise<T> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    request.resume(); // drain it, so the connection can carry the answer
    throw new DomainError('unsupported', 'jsonContentType');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new DomainError('too-large', 'bodyTooLarge', { max: maxBytes });
    chunks.push(chunk as Buffer);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new DomainError('bad-input', 'bodyNotJson');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DomainError('bad-input', 'badBody', { reason: z.prettifyError(parsed.error).replaceAll('\n', ' ') });
  return parsed.data;
}
