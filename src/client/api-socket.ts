// Opens an API websocket the way every page does (docs/api.md): the token goes as the first frame
// `{ "type": "auth", "token" }`, never in the address (proxies log addresses), and each text frame is decoded
// with the shared schema of that socket before anyone sees it; binary frames are terminal bytes.
import type { z } from 'zod';
import { decodeFrame, encodeMessage } from '../../shared/contracts/protocol.ts';

export interface SocketHandlers<T> {
  onOpen?(): void;
  onFrame(frame: T): void;
  onBytes?(bytes: Uint8Array): void;
  onClose(event: CloseEvent): void;
}

/** The websocket address of an API path on this page's server. */
export function socketUrl(path: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}

export function openApiSocket<T>(path: string, token: string, schema: z.ZodType<T>, handlers: SocketHandlers<T>): WebSocket {
  const ws = new WebSocket(socketUrl(path));
  ws.binaryType = 'arraybuffer';
  ws.addEventListener('open', () => {
    ws.send(encodeMessage({ type: 'auth', token }));
    handlers.onOpen?.();
  });
  ws.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data instanceof ArrayBuffer) return handlers.onBytes?.(new Uint8Array(event.data));
    if (typeof event.data !== 'string') return;
    const decoded = decodeFrame(schema, event.data);
    if (decoded.ok) handlers.onFrame(decoded.value);
    else console.warn(`[slipway] ignoring a malformed frame on ${path}:`, decoded.error);
  });
  ws.addEventListener('close', (event) => handlers.onClose(event));
  return ws;
}
