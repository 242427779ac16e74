// The terminal websocket of one node (docs/api.md): raw bytes as binary frames, JSON control messages as text
// frames. Reconnects with backoff after an unexpected close, asking for the same shell: if it is still alive
// the server sends its screen once, else a fresh shell starts in the same sandbox. A page can start by asking
// for a shell it drove before a reload (`shell`), which works the same way.
import { CloseCode, encodeMessage, ServerMessageSchema, type ClientMessage, type ServerMessage } from '../../shared/contracts/protocol.ts';
import { finalCloseMessage } from './close-reasons.ts';
import type { MessageKey } from '../../shared/i18n/ui-strings.ts';
import { openApiSocket } from './api-socket.ts';
import { createReconnector, type ReconnectPolicy } from './reconnect.ts';

/** Five tries over about 15 s, then the page offers "Try again" (a shell outlives its socket for a grace period). */
const RECONNECT: ReconnectPolicy = { maxRetries: 5, firstDelayMs: 500, maxDelayMs: 8000, stableMs: 5000 };

export interface TerminalSocket {
  sendBytes(bytes: Uint8Array<ArrayBuffer>): boolean;
  sendMessage(message: ClientMessage): boolean;
  /** Closes for good (the learner closed the terminal, or its node was removed): the server ends its shell at once. */
  close(): void;
}

export type SocketState =
  | { kind: 'open' }
  /** A shell is attached; `resumed`: it is the shell asked for (a reconnect or reload found it alive). */
  | { kind: 'ready'; resumed: boolean }
  | { kind: 'reconnecting' }
  /** The server ended the session or refused the socket: reconnecting cannot help. */
  | { kind: 'ended'; message: MessageKey; reason: string }
  /** The node or the session already runs as many shells as the server allows: this terminal got none. */
  | { kind: 'crowded' }
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

/** The socket's path: node1 without the parameter, so servers without multi-node support still answer. */
function terminalPath(session: { id: string }, node: string, shell: string | null): string {
  const query = new URLSearchParams();
  if (node !== 'node1') query.set('node', node);
  if (shell) query.set('shell', shell);
  const search = query.size > 0 ? `?${query}` : '';
  return `/api/sessions/${encodeURIComponent(session.id)}/terminal${search}`;
}

export function connectTerminalSocket(session: { id: string; token: string }, node: string, events: TerminalSocketEvents, shell: string | null = null): TerminalSocket {
  let socket: WebSocket | null = null;
  let shellId = shell;
  let closed = false;
  const reconnector = createReconnector(open, RECONNECT);

  function open(): void {
    let shells = 0;
    // Reconnects ask for the same shell: if it is still alive the server sends its screen once.
    socket = openApiSocket(terminalPath(session, node, shellId), session.token, ServerMessageSchema, {
      onOpen() {
        reconnector.opened();
        events.onState({ kind: 'open' });
      },
      onBytes: (bytes) => events.onBytes(bytes),
      onFrame(message) {
        if (message.type !== 'shell') return events.onMessage(message);
        const asked = shellId;
        const { id, restored } = message;
        shellId = id;
        const resumed = asked === id && restored;
        const reset = shells > 0;
        shells += 1;
        events.onShell({ id, restored, resumed, replaced: !reset && asked !== null && asked !== id, reset });
        events.onState({ kind: 'ready', resumed });
      },
      onClose(event) {
        socket = null;
        if (closed) return;
        const final = finalCloseMessage(event.code);
        if (event.code === CloseCode.tooManyShells) {
          reconnector.stop();
          return events.onState({ kind: 'crowded' });
        }
        if (final) {
          reconnector.stop();
          return events.onState({ kind: 'ended', message: final, reason: event.reason });
        }
        const outcome = reconnector.closed();
        if (outcome.kind === 'gave-up') {
          reconnector.stop();
          return events.onState({ kind: 'lost' });
        }
        console.info(`[slipway] terminal closed (${event.code} ${event.reason}), reconnecting (${outcome.kind})`);
        events.onState({ kind: 'reconnecting' });
      },
    });
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
      reconnector.stop();
      socket?.close(CloseCode.shellClosed, 'terminal closed');
    },
  };
}
