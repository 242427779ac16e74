// A scripted learner: a websocket terminal client that types commands and waits for output and events.
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { decodeServerMessage, encodeMessage, type ClientMessage, type ServerMessage } from '../../shared/contracts/protocol.ts';

export class TerminalClient {
  output = '';
  readonly events: ServerMessage[] = [];
  closeCode?: number;
  closeReason?: string;
  private readonly socket: WebSocket;
  private readonly waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary) this.output += bytes.toString('utf8');
      else {
        const decoded = decodeServerMessage(bytes.toString('utf8'));
        if (decoded.ok) this.events.push(decoded.value);
      }
      this.notify();
    });
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.notify();
    });
  }

  /** `options` for a test that sends its own headers (Origin, Authorization). */
  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<TerminalClient> {
    const socket = new WebSocket(url, options);
    const client = new TerminalClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }

  type(text: string): void {
    this.socket.send(Buffer.from(text), { binary: true });
  }

  control(message: ClientMessage): void {
    this.socket.send(encodeMessage(message));
  }

  sendRaw(text: string | Buffer, binary = false): void {
    this.socket.send(text, { binary });
  }

  /** Bytes sent but not yet taken by the server (its socket is paused when the shell reads no input). */
  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /** Resolves once `predicate` holds; rejects with what was seen after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        try {
          assert.fail(`timed out waiting for ${what}; output so far:\n${this.text.slice(-1500)}\nevents: ${JSON.stringify(this.events)}`);
        } catch (error) {
          reject(error);
        }
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  /** The output as a person reads it: escape sequences (colours, bracketed paste) removed. */
  get text(): string {
    return this.output.replace(/\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]/g, '');
  }

  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void> {
    return this.waitFor(() => pattern.test(this.text), `output ${pattern}`, timeoutMs);
  }

  waitForClose(timeoutMs?: number): Promise<void> {
    return this.waitFor(() => this.closeCode !== undefined, 'the socket to close', timeoutMs);
  }

  passed(step: string): boolean {
    return this.events.some((event) => event.type === 'check' && event.step === step && event.ok);
  }

  close(): void {
    this.socket.close();
  }

  /** Drops the connection without a closing handshake, as a network failure would. */
  drop(): void {
    this.socket.terminate();
  }

  /** The shell this socket drives, from the server's first frame. */
  shell(): { id: string; restored: boolean } | undefined {
    const event = this.events.find((candidate) => candidate.type === 'shell');
    return event?.type === 'shell' ? { id: event.id, restored: event.restored } : undefined;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
