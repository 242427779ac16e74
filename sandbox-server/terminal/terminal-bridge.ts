// Bridges one websocket to one interactive login shell (a Tty exec) in the sandbox.
// Closing stdin does not end a Tty exec, so the shell is killed explicitly when the socket closes.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { CloseCode, decodeClientMessage, encodeMessage, type ClientMessage, type ServerMessage } from '../../src/shared/protocol.ts';
import { runCommand } from '../engine/run-command.ts';
import { errorMessage, log } from '../logger.ts';
import { PromptMarkerScanner } from './prompt-marker.ts';

// Pause the shell's output while the browser is this far behind, resume below the low mark.
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 128 * 1024;

export interface TerminalHandlers {
  onCommandDone(): void;
  onActivity(): void;
  onControl(message: ClientMessage): void;
}

export class TerminalBridge {
  private readonly shellId = randomBytes(6).toString('hex');
  private readonly scanner = new PromptMarkerScanner();
  private exec?: Docker.Exec;
  private stream?: Duplex;
  private pendingResize?: { cols: number; rows: number };
  private readonly pendingInput: Buffer[] = [];
  private closed = false;
  private readonly container: Docker.Container;
  private readonly socket: WebSocket;
  private readonly handlers: TerminalHandlers;

  constructor(container: Docker.Container, socket: WebSocket, handlers: TerminalHandlers) {
    this.container = container;
    this.socket = socket;
    this.handlers = handlers;
    socket.on('message', (data, isBinary) => this.fromClient(data, isBinary));
    socket.on('close', () => void this.close());
    socket.on('error', () => void this.close());
  }

  async start(): Promise<void> {
    this.exec = await this.container.exec({
      Cmd: ['sh', '-c', 'mkdir -p /run/slipway && echo $$ > "/run/slipway/shell-$1.pid" && exec bash --login', 'sh', this.shellId],
      Env: ['TERM=xterm-256color', 'LANG=C.UTF-8'],
      WorkingDir: '/root',
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
    });
    const stream = await this.exec.start({ hijack: true, stdin: true, Tty: true });
    this.stream = stream;
    if (this.closed) return void this.kill();
    stream.on('data', (chunk: Buffer) => this.toClient(chunk));
    stream.on('end', () => this.socket.close(CloseCode.normal, 'the shell exited'));
    stream.on('error', (error: Error) => log.warn('terminal.stream_error', { error: error.message }));
    for (const input of this.pendingInput.splice(0)) stream.write(input);
    if (this.pendingResize) await this.resize(this.pendingResize);
  }

  send(message: ServerMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(encodeMessage(message));
  }

  async close(code: number = CloseCode.normal, reason = 'terminal closed'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A close reason may be at most 123 bytes.
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
    await this.kill();
  }

  private toClient(chunk: Buffer): void {
    const { output, markers } = this.scanner.push(chunk);
    if (output.length > 0 && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(output, { binary: true }, () => this.maybeResume());
      if (this.socket.bufferedAmount > HIGH_WATER) this.stream?.pause();
    }
    if (markers.some((marker) => marker.startsWith('done;'))) this.handlers.onCommandDone();
  }

  private maybeResume(): void {
    if (this.stream?.isPaused() && this.socket.bufferedAmount < LOW_WATER) this.stream.resume();
  }

  private fromClient(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) {
      this.handlers.onActivity();
      if (this.stream) this.stream.write(bytes);
      else this.pendingInput.push(bytes);
      return;
    }
    const decoded = decodeClientMessage(bytes.toString('utf8'));
    if (!decoded.ok) return this.send({ type: 'error', message: `ignored a bad control frame: ${decoded.error}` });
    if (decoded.value.type === 'resize') void this.resize(decoded.value);
    else this.handlers.onControl(decoded.value);
  }

  private async resize(size: { cols: number; rows: number }): Promise<void> {
    // The engine refuses a resize before the exec has started: keep the latest size until then.
    if (!this.stream || !this.exec) {
      this.pendingResize = size;
      return;
    }
    try {
      await this.exec.resize({ h: size.rows, w: size.cols });
    } catch (error) {
      log.warn('terminal.resize_failed', { error: errorMessage(error) });
    }
  }

  private async kill(): Promise<void> {
    this.stream?.destroy();
    if (!this.exec) return;
    try {
      const script = 'f="/run/slipway/shell-$1.pid"; [ -f "$f" ] && kill -HUP "$(cat "$f")" 2>/dev/null; rm -f "$f"';
      await runCommand(this.container, ['sh', '-c', script, 'sh', this.shellId]);
    } catch {
      // The sandbox is already gone: so is the shell.
    }
  }
}
