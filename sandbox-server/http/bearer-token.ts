import type { IncomingMessage } from 'node:http';

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}
