// A token sent as a websocket's first frame, `{ "type": "auth", "token": "…" }`: browsers cannot put headers
// on a websocket, and a token in the address ends up in proxies' access logs.
import type { WebSocket } from 'ws';
import { AuthMessageSchema } from '../../shared/contracts/protocol.ts';

const AUTH_TIMEOUT_MS = 10_000;

/**
 * Calls `onToken` with the first frame's token, or undefined when that frame is something else or none came
 * within 10 s. It is called within the frame's own event, so listeners it adds hear every later frame.
 */
export function firstFrameToken(ws: WebSocket, onToken: (token: string | undefined) => void): void {
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
