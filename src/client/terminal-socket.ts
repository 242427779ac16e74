// The terminal websocket (docs/api.md): raw bytes as binary frames, JSON control messages as text frames.
// Reconnects with backoff after an unexpected close; the server then starts a fresh shell in the same sandbox.
import { encodeMessage, type ClientMessage } from '../shared/protocol.ts';
import { finalCloseMessage } from './close-reasons.ts';
import type { LessonStore } from './lesson-store.ts';

const MAX_RETRIES = 5;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
/** A socket open this long counts as healthy, so a later drop gets the full set of retries again. */
const STABLE_MS = 5000;

export interface TerminalSocket {
  sendBytes(bytes: Uint8Array<ArrayBuffer>): boolean;
  sendMessage(message: ClientMessage): boolean;
}

export interface TerminalSocketEvents {
  /** Called on every successful open; `reconnected` is true from the second one on. */
  onOpen(reconnected: boolean): void;
  onBytes(bytes: Uint8Array): void;
}

export function terminalUrl(session: { id: string; token: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/sessions/${encodeURIComponent(session.id)}/terminal?token=${encodeURIComponent(session.token)}`;
}

export function connectTerminalSocket(url: string, store: LessonStore, events: TerminalSocketEvents): TerminalSocket {
  let socket: WebSocket | null = null;
  let retries = 0;
  let opens = 0;

  function open(): void {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let stableTimer: ReturnType<typeof setTimeout> | undefined;

    ws.addEventListener('open', () => {
      store.getState().setConnection('ready');
      events.onOpen(opens > 0);
      opens += 1;
      stableTimer = setTimeout(() => (retries = 0), STABLE_MS);
    });

    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data instanceof ArrayBuffer) {
        events.onBytes(new Uint8Array(event.data));
      } else if (typeof event.data === 'string') {
        const result = store.getState().receiveText(event.data);
        if (!result.ok) console.warn('[slipway] ignoring a malformed server message:', result.error);
      }
    });

    ws.addEventListener('close', (event) => {
      clearTimeout(stableTimer);
      socket = null;
      const final = finalCloseMessage(event.code);
      if (final) {
        store.getState().setConnection('ended', final);
      } else if (retries >= MAX_RETRIES) {
        store.getState().setConnection('error', 'Could not reconnect to your sandbox. Reload the page to try again.');
      } else {
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** retries);
        retries += 1;
        console.info(`[slipway] terminal closed (${event.code} ${event.reason}), reconnecting in ${delay} ms`);
        store.getState().setConnection('reconnecting');
        setTimeout(open, delay);
      }
    });

    socket = ws;
  }

  function send(data: string | Uint8Array<ArrayBuffer>): boolean {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(data);
    return true;
  }

  open();
  return {
    sendBytes: (bytes) => send(bytes),
    sendMessage: (message) => send(encodeMessage(message)),
  };
}
