// Websocket upgrades for /api/sessions/:id/terminal?token=…: accepted first, then refused with a close code
// and a reason when needed, because a browser cannot read the HTTP status of a failed upgrade. This module
// only authenticates and wires the socket to its session: the session's shells (sessions/session-shells.ts)
// start, adopt and end shells; the bridge pipes bytes and frames.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, encodeMessage, type ClientMessage } from '../../shared/contracts/protocol.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { Session } from '../sessions/session.ts';
import { errorMessage } from '../logger.ts';
import { DomainError } from '../domain-error.ts';
import { closeCodeOf, errorFrame } from './error-mapping.ts';
import { socketToken } from './socket-auth.ts';
import { TerminalBridge } from './terminal-bridge.ts';

const TERMINAL_PATH = /^\/api\/sessions\/([\w-]+)\/terminal$/;

export interface TerminalSockets {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every terminal socket at once (after their sessions were ended with a close code). */
  terminateAll(): void;
}

export function createTerminalSockets(sessions: SessionManager, graceMs: number): TerminalSockets {
  // One message per turn of the event loop: by default ws hands over every frame of a read at once (hundreds
  // when a client floods), and other sessions and requests waited behind them (150 ms per read seen).
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, allowSynchronousEvents: false });
  return { handleUpgrade, terminateAll: () => server.clients.forEach((client) => client.terminate()) };

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const match = TERMINAL_PATH.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => {
      const open = (token: string | undefined) => {
        let session: Session;
        try {
          session = sessions.authorize(match[1] ?? '', token);
        } catch (error) {
          // A page reconnecting after its session ended (its sandbox died under its shell) hears why it ended.
          const reason = sessions.endedReason(match[1] ?? '', token);
          if (reason) {
            ws.send(encodeMessage({ type: 'notice', level: 'warning', message: reason }));
            ws.close(CloseCode.sessionEnded, Buffer.from(reason).subarray(0, 123).toString());
            return;
          }
          const code = error instanceof DomainError ? closeCodeOf(error.kind) : CloseCode.unknownSession;
          ws.close(code, errorMessage(error).slice(0, 120));
          return;
        }
        connectTerminal(session, ws, url.searchParams.get('node') ?? 'node1', url.searchParams.get('shell'), graceMs);
      };
      socketToken(request, ws, open);
    });
  }
}

/** Wires the socket to the session: the session gives it a shell once its sandbox is ready. */
function connectTerminal(session: Session, ws: WebSocket, node: string, shellId: string | null, graceMs: number): void {
  const terminal: TerminalBridge = new TerminalBridge(ws, node, {
    graceMs,
    onActivity: () => session.touch(),
    onControl: (message) => requestCheck(session, message, (error) => terminal.send(errorFrame(error))),
  });
  ws.on('close', () => session.shells.leave(terminal));
  void session.connect(terminal, shellId);
}

/** The Check button: a check of a step the lesson has, within the session's rate; refusals go back as error frames. */
function requestCheck(session: Session, message: ClientMessage, refuse: (error: DomainError) => void): void {
  if (message.type !== 'check') return;
  if (!session.checker.hasStep(message.step)) return refuse(new DomainError('not-found', 'noStepHere', { step: message.step }));
  if (!session.mayCheck()) return refuse(new DomainError('rate-limited', 'tooManyChecks'));
  session.checker.checkStep(message.step).catch((error: unknown) => refuse(new DomainError('unavailable', 'checkFailed', { reason: errorMessage(error) })));
}
