// The terminal websocket of one node (docs/api.md): raw bytes as binary frames, JSON control messages as text
// frames. Reconnects with backoff after an unexpected close, asking for the same shell: if it is still alive
// the server sends its screen once, else a fresh shell starts in the same sandbox. A page can start by asking
// for a shell it drove before a reload (`shell`), which works the same way.
import { decodeServerMessage, encodeMessage, type ClientMessage, type ServerMessage } from '../../shared/contracts/protocol.ts';
import { finalCloseMessage } from './close-reasons.ts';
import type { MessageKey } from '../../shared/i18n/ui-strings.ts';

const MAX_RETRIES = 5;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
/** A socket open this long counts as healthy, so a later drop gets the full set of retries again. */
const STABLE_MS = 5000;

export interface TerminalSocket {
  sendBytes(bytes: Uint8Array<ArrayBuffer>): boolean;
  sendMessage(message: ClientMessage): boolean;
  /** Closes for good (the node was removed). */
  close(): void;
}

export type SocketState =
  | { kind: 'open' }
  /** A shell is attached; `resumed`: it is the shell asked for (a reconnect or reload found it alive). */
  | { kind: 'ready'; resumed: boolean }
  | { kind: 'reconnecting' }
  /** The server ended the session or refused the socket: reconnecting cannot help. */
  | { kind: 'ended'; message: MessageKey; reason: string }
  /** Every retry failed. */
  | { kind: 'lost' };

export interface TerminalSocketEvents {
  onState(state: SocketState): void;
  /**
   * Which shell this socket drives. `restored`: the next bytes are a snapshot of its screen; `resumed`: it is
   * the shell asked for; `replaced`: a shell was asked for but it had ended, so this one is new; `reset`: the
   * sandbox was replaced under an open socket (a second shell frame on it), so the old screen means nothing.
   */
  onShell(shell: { id: string; restored: boolean; resumed: boolean; replaced: boolean; reset: boolean }): void;
  onBytes(bytes: Uint8Array): void;
  /** Every other server message (progress, checks, ports, queue). */
  onMessage(message: ServerMessage): void;
}

/**
 * The socket's address; the token rides in the fragment, which is never sent: connectTerminalSocket() sends
 * it as the socket's first frame, so it stays out of proxies' access logs.
 */
export function terminalUrl(session: { id: string; token: string }, node = 'node1'): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // node1 without the parameter: servers without multi-node support still answer.
  const nodeParam = node === 'node1' ? '' : `?node=${encodeURIComponent(node)}`;
  return `${scheme}://${location.host}/api/sessions/${encodeURIComponent(session.id)}/terminal${nodeParam}#token=${encodeURIComponent(session.token)}`;
}

export function connectTerminalSocket(url: string, events: TerminalSocketEvents, shell: string | null = null): TerminalSocket {
  let socket: WebSocket | null = null;
  let retries = 0;
  let shellId = shell;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const address = new URL(url);
  const token = new URLSearchParams(address.hash.slice(1)).get('token');
  address.hash = '';

  function open(): void {
    if (shellId) address.searchParams.set('shell', shellId);
    const ws = new WebSocket(address.href);
    ws.binaryType = 'arraybuffer';
    let stableTimer: ReturnType<typeof setTimeout> | undefined;
    let shells = 0;

    ws.addEventListener('open', () => {
      if (token) ws.send(encodeMessage({ type: 'auth', token }));
      events.onState({ kind: 'open' });
      stableTimer = setTimeout(() => (retries = 0), STABLE_MS);
    });

    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data instanceof ArrayBuffer) {
        events.onBytes(new Uint8Array(event.data));
      } else if (typeof event.data === 'string') {
        const decoded = decodeServerMessage(event.data);
        if (!decoded.ok) console.warn('[slipway] ignoring a malformed server message:', decoded.error);
        else if (decoded.value.type === 'shell') {
          const asked = shellId;
          const { id, restored } = decoded.value;
          shellId = id;
          const resumed = asked === id && restored;
          const reset = shells > 0;
          shells += 1;
          events.onShell({ id, restored, resumed, replaced: !reset && asked !== null && asked !== id, reset });
          events.onState({ kind: 'ready', resumed });
        } else events.onMessage(decoded.value);
      }
    });

    ws.addEventListener('close', (event) => {
      clearTimeout(stableTimer);
      socket = null;
      if (closed) return;
      const final = finalCloseMessage(event.code);
      if (final) {
        events.onState({ kind: 'ended', message: final, reason: event.reason });
      } else if (retries >= MAX_RETRIES) {
        events.onState({ kind: 'lost' });
      } else {
        const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** retries);
        retries += 1;
        console.info(`[slipway] terminal closed (${event.code} ${event.reason}), reconnecting in ${delay} ms`);
        events.onState({ kind: 'reconnecting' });
        retryTimer = setTimeout(open, delay);
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
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket?.close(1000, 'node removed');
    },
  };
}
