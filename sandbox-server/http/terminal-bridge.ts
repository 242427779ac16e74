// Bridges one websocket to a ShellSession: input and resizes in, screen bytes out with flow control. The
// session's shells (sessions/session-shells.ts) hand it its shell; when the socket goes, the shell stays for a
// grace period (see ShellSession.detach), unless the client closed it saying the learner closed the terminal
// (CloseCode.shellClosed): then the shell ends at once.
import { WebSocket, type RawData } from 'ws';
import { CloseCode, decodeClientMessage, encodeMessage, type ClientMessage, type ServerMessage } from '../../shared/contracts/protocol.ts';
import type { ShellOutput, ShellSession } from '../terminal/shell-session.ts';
import type { ClientEnding, ShellClient } from '../sessions/session-shells.ts';
import { DomainError } from '../domain-error.ts';
import { RateLimiter } from '../classroom/rate-limiter.ts';
import { closeCodeOf, errorFrame } from './error-mapping.ts';

// Pause the shell's output while the browser is this far behind, resume below the low mark.
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 128 * 1024;
const PENDING_INPUT_LIMIT = 64 * 1024;
// Malformed frames are answered, up to this rate; beyond it they are dropped unanswered: a flood of them would
// otherwise cost a reply each (a write to the socket), on the event loop every session shares.
const BAD_FRAME_REPLIES = { burst: 20, perMinute: 600 };

export interface BridgeHandlers {
  onActivity(): void;
  onControl(message: ClientMessage): void;
  /** How long a shell waits for its client to come back. */
  graceMs: number;
}

export class TerminalBridge implements ShellClient {
  readonly node: string;
  private shell?: ShellSession;
  private readonly pendingInput: Buffer[] = [];
  private pendingResize?: { cols: number; rows: number };
  private closed = false;
  /** The client asked to stop output (its terminal is behind). */
  private clientPaused = false;
  private readonly badFrameReplies = new RateLimiter(BAD_FRAME_REPLIES);
  private readonly socket: WebSocket;
  private readonly handlers: BridgeHandlers;
  private readonly output: ShellOutput = {
    write: (bytes) => this.toClient(bytes),
    end: () => void this.close(CloseCode.normal, 'the shell exited'),
  };

  constructor(socket: WebSocket, node: string, handlers: BridgeHandlers) {
    this.socket = socket;
    this.node = node;
    this.handlers = handlers;
    socket.on('message', (data, isBinary) => this.fromClient(data, isBinary));
    socket.on('close', (code) => this.onSocketGone(code === CloseCode.shellClosed ? 0 : handlers.graceMs));
    socket.on('error', () => this.onSocketGone(handlers.graceMs));
  }

  /** Connects the socket to `shell`; `restored` sends the shell's screen first. */
  async attach(shell: ShellSession, restored: boolean): Promise<void> {
    this.send({ type: 'shell', id: shell.id, restored });
    await shell.attach(this.output, restored);
    this.shell = shell;
    if (this.closed) return shell.detach(this.output, this.handlers.graceMs);
    for (const input of this.pendingInput.splice(0)) shell.input(input);
    if (this.pendingResize) await shell.resize(this.pendingResize.cols, this.pendingResize.rows);
  }

  /**
   * Lets go of the shell without closing the socket (a reset is replacing the sandbox); input waits for the
   * next attach. False when the socket had no shell yet (it is still waiting for the sandbox).
   */
  releaseShell(): boolean {
    if (!this.shell) return false;
    this.shell.release('client');
    this.shell.detach(this.output, 0);
    this.shell = undefined;
    return true;
  }

  send(message: ServerMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(encodeMessage(message));
  }

  /** Closes the socket with the close code that says why (the page shows the reason). */
  end(ending: ClientEnding): void {
    if (ending.why === 'refused') this.close(closeCodeOf(ending.error.kind), ending.error.message);
    else this.close(ending.why === 'ended' ? CloseCode.sessionEnded : CloseCode.serverRestart, ending.reason);
  }

  private close(code: number, reason: string): void {
    // A close reason may be at most 123 bytes.
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
    this.onSocketGone(this.handlers.graceMs);
  }

  private onSocketGone(graceMs: number): void {
    if (this.closed) return;
    this.closed = true;
    // Nobody is behind any more: let the shell run on into its screen mirror.
    this.shell?.release('client');
    this.shell?.detach(this.output, graceMs);
  }

  private toClient(bytes: Buffer): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(bytes, { binary: true }, () => this.updateFlow());
    this.updateFlow();
  }

  /** Output flows unless the client asked for a pause or the socket has too much unsent. */
  private updateFlow(): void {
    const shell = this.shell;
    if (!shell || this.closed) return;
    const buffered = this.socket.bufferedAmount;
    const held = shell.heldBy('client');
    if (!held && (this.clientPaused || buffered > HIGH_WATER)) shell.hold('client');
    else if (held && !this.clientPaused && buffered < LOW_WATER) shell.release('client');
  }

  private fromClient(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) {
      this.handlers.onActivity();
      if (this.shell) {
        // The shell is not reading: stop reading the socket until it has, so the input waits in the client's
        // and the kernel's buffers instead of the server's memory.
        if (!this.shell.input(bytes) && !this.socket.isPaused) {
          this.socket.pause();
          void this.shell.drained().then(() => this.socket.resume());
        }
      }
      // Typed while queued or starting: kept for the shell, up to a bound (a client cannot fill our memory).
      else if (this.pendingInput.reduce((total, chunk) => total + chunk.length, bytes.length) <= PENDING_INPUT_LIMIT) this.pendingInput.push(bytes);
      return;
    }
    const decoded = decodeClientMessage(bytes.toString('utf8'));
    if (!decoded.ok) {
      if (this.badFrameReplies.take('')) this.send(errorFrame(new DomainError('bad-input', 'badFrame', { reason: decoded.error })));
      return;
    }
    const message = decoded.value;
    if (message.type === 'flow') {
      this.clientPaused = message.paused;
      return this.updateFlow();
    }
    if (message.type !== 'resize') return this.handlers.onControl(message);
    if (this.shell) void this.shell.resize(message.cols, message.rows);
    else this.pendingResize = message;
  }
}
