// Websocket upgrades for /api/sessions/:id/terminal?token=…: accepted first, then refused with a close code
// and a reason when needed, because a browser cannot read the HTTP status of a failed upgrade.
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, encodeMessage } from '../../shared/contracts/protocol.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import { TOO_MANY_CHECKS, type Session } from '../sessions/session.ts';
import { TerminalBridge } from '../terminal/terminal-bridge.ts';
import { ShellSession, type ShellEvents } from '../terminal/shell-session.ts';
import { errorMessage, log } from '../logger.ts';
import { HttpError } from './http-error.ts';
import { bearerToken } from './bearer-token.ts';
import { firstFrameToken } from './socket-auth.ts';

const TERMINAL_PATH = /^\/api\/sessions\/([\w-]+)\/terminal$/;
/** Shells (attached or waiting to be reattached) one node, and one session, may run. */
export const MAX_SHELLS_PER_NODE = 4;
export const MAX_SHELLS_PER_SESSION = 10;

export interface TerminalSockets {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every terminal socket at once (after their sessions were ended with a close code). */
  terminateAll(): void;
}

export function createTerminalSockets(sessions: SessionManager, graceMs: number): TerminalSockets {
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
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
          const code = error instanceof HttpError && error.status === 401 ? CloseCode.unauthorized : CloseCode.unknownSession;
          ws.close(code, errorMessage(error).slice(0, 120));
          return;
        }
        void attachTerminal(session, url.searchParams.get('node') ?? 'node1', ws, url.searchParams.get('shell'), graceMs);
      };
      // The token in the address (the original form), a bearer header (scripts), or the first frame (the site).
      const given = url.searchParams.get('token') ?? bearerToken(request);
      if (given !== undefined) open(given);
      else firstFrameToken(ws, open);
    });
  }
}

/** The node each terminal's shells run on (node1 unless the socket asked for another). */
const terminalNodes = new WeakMap<TerminalBridge, string>();

async function attachTerminal(session: Session, node: string, ws: WebSocket, shellId: string | null, graceMs: number): Promise<void> {
  const terminal = new TerminalBridge(ws, {
    graceMs,
    onActivity: () => session.touch(),
    onControl: (message) => {
      if (message.type !== 'check') return;
      if (!session.checker.hasStep(message.step)) {
        terminal.send({ type: 'error', message: `This lesson has no step "${message.step}".` });
        return;
      }
      if (!session.mayCheck()) return terminal.send({ type: 'error', message: TOO_MANY_CHECKS });
      session.checker.checkStep(message.step).catch((error: unknown) => terminal.send({ type: 'error', message: `Check failed to run: ${errorMessage(error)}` }));
    },
  });
  terminalNodes.set(terminal, node);
  session.terminals.add(terminal);
  ws.on('close', () => session.terminals.delete(terminal));
  if (session.position !== undefined) terminal.send({ type: 'queue', position: session.position });
  if (session.outageNotice) terminal.send({ type: 'notice', level: 'warning', message: session.outageNotice });
  // A queued (or resetting) session: wait for its sandbox; if the session ends first, its end closed the socket.
  const ready = await session.whenReady().then(() => true, () => false);
  if (!ready || ws.readyState !== ws.OPEN) return;
  const alive = shellId ? session.shells.get(shellId) : undefined;
  if (alive) {
    await terminal.attach(alive, true).catch((error: unknown) => shellFailed(session, terminal, error));
    sendSessionState(session, terminal);
  } else await startShell(session, terminal);
}

/**
 * Gives the terminal a fresh shell in the session's sandbox (a new socket, or after a reset): node1's shell
 * pre-started with a warm sandbox when there is one, its screen (the first prompt) sent as a snapshot.
 */
export async function startShell(session: Session, terminal: TerminalBridge): Promise<void> {
  try {
    const node = terminalNodes.get(terminal) ?? 'node1';
    const container = session.nodes.container(node);
    if (!container) return terminal.close(CloseCode.unknownSession, `This session has no node "${node.slice(0, 20)}": its nodes are ${session.nodes.names().join(', ')}.`);
    const preStarted = node === 'node1' ? session.takePreStarted() : undefined;
    if (preStarted) {
      preStarted.handOver(shellEvents(session));
      await terminal.attach(preStarted, true);
      return sendSessionState(session, terminal);
    }
    if (!makeRoomForShell(session, container)) {
      return terminal.close(CloseCode.tooManyShells, `Too many terminals are open on ${node}: close one, then reconnect.`);
    }
    // Attached before it starts, so the shell's first bytes (its prompt) reach the client.
    const shell = newShell(session, container);
    await terminal.attach(shell, false);
    await shell.start();
    sendSessionState(session, terminal);
  } catch (error) {
    shellFailed(session, terminal, error);
  }
}

/**
 * Whether one more shell may start on the node: within the per-node and per-session caps, after ending the
 * oldest shells nobody is attached to (left by reloads) if need be.
 */
function makeRoomForShell(session: Session, container: Docker.Container): boolean {
  const crowded = () => {
    const shells = [...session.shells.values()];
    return shells.length >= MAX_SHELLS_PER_SESSION || shells.filter((shell) => shell.runsIn(container)).length >= MAX_SHELLS_PER_NODE;
  };
  const shells = [...session.shells.values()];
  for (const shell of [...shells.filter((candidate) => candidate.runsIn(container)), ...shells.filter((candidate) => !candidate.runsIn(container))]) {
    if (!crowded()) return true;
    if (shell.detached) void shell.kill(); // leaves session.shells at once
  }
  return !crowded();
}

/** What a terminal shows beside the shell: the completed steps and the published ports. */
function sendSessionState(session: Session, terminal: TerminalBridge): void {
  terminal.send({ type: 'progress', completed: session.checker.completedSteps() });
  terminal.send({ type: 'ports', ports: session.nodes.ports() });
}

function shellFailed(session: Session, terminal: TerminalBridge, error: unknown): void {
  log.error('terminal.start_failed', { id: session.id, error: errorMessage(error) });
  terminal.close(CloseCode.engineError, 'The sandbox did not start a shell. Reload the page to try again.');
}

function newShell(session: Session, container: Docker.Container): ShellSession {
  const shell = new ShellSession(container, shellEvents(session));
  session.shells.set(shell.id, shell);
  return shell;
}

/** A session's shell runs the checks after each command and leaves the session's list when gone. */
function shellEvents(session: Session): ShellEvents {
  return {
    onCommandDone: () => {
      if (session.state !== 'ready') return; // a reset is replacing the sandbox
      session.checker.trigger().catch((error: unknown) => log.warn('checks.failed', { id: session.id, error: errorMessage(error) }));
    },
    onGone: (gone) => session.shells.delete(gone.id),
  };
}
