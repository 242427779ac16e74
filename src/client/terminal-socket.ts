// The terminal websocket (docs/api.md): raw bytes as binary frames, JSON control messages as text frames.
// Reconnects with backoff after an unexpected close, asking for the same shell: if it is still alive the
// server sends its screen once, else a fresh shell starts in the same sandbox.
import { decodeServerMessage, encodeMessage, type ClientMessage } from '../shared/protocol.ts';
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
  /** Which shell this socket drives; `restored`: the next bytes are a snapshot of its screen. */
  onShell(shell: { restored: boolean; reconnected: boolean }): void;
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
  let shellId: string | null = null;

  function open(): void {
    const ws = new WebSocket(shellId ? `${url}&shell=${encodeURIComponent(shellId)}` : url);
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
        const decoded = decodeServerMessage(event.data);
        if (!decoded.ok) console.warn('[slipway] ignoring a malformed server message:', decoded.error);
        else if (decoded.value.type === 'shell') {
          shellId = decoded.value.id;
          store.getState().setConnection('ready'); // after a wait in the queue, or a reset
          events.onShell({ restored: decoded.value.restored, reconnected: opens > 1 });
        } else store.getState().applyServerMessage(decoded.value);
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
