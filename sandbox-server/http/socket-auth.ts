// How every websocket (terminals and the workshop sockets alike) gets its token: `?token=` in the address
// (the original form), an `Authorization: Bearer` header (scripts), or the first frame
// `{ "type": "auth", "token": "…" }` (the site: browsers cannot put headers on a websocket, and a token in the
// address ends up in proxies' access logs).
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { AuthMessageSchema } from '../../shared/contracts/protocol.ts';
import { bearerToken } from './bearer-token.ts';

const AUTH_TIMEOUT_MS = 10_000;

/** Calls `onToken` with the socket's token from the address or header at once, else from its first frame. */
export function socketToken(request: IncomingMessage, ws: WebSocket, onToken: (token: string | undefined) => void): void {
  const given = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? bearerToken(request);
  if (given !== undefined) onToken(given);
  else firstFrameToken(ws, onToken);
}

/**
 * Calls `onToken` with the first frame's token, or undefined when that frame is something else or none came
 * within 10 s. It is called within the frame's own event, so listeners it adds hear every later frame.
 */
function firstFrameToken(ws: WebSocket, onToken: (token: string | undefined) => void): void {
  const timer = setTimeout(() => {
    ws.off('message', onFirst);
    onToken(undefined);
  }, AUTH_TIMEOUT_MS);
  function onFirst(data: unknown, isBinary: boolean): void {
    clearTimeout(timer);
    let token: string | undefined;
    try {
      const parsed = isBinary ? undefined : AuthMessageSchema.safeParse(JSON.parse(String(data)));
      token = parsed?.success ? parsed.data.token : undefined;
    } catch {
      token = undefined;
    }
    onToken(token);
  }
  ws.once('message', onFirst);
  ws.on('close', () => clearTimeout(timer));
}
