// One interactive login shell (a Tty exec) in a sandbox. It outlives its websocket for a grace period, so a
// dropped connection can reattach to the same shell; a headless xterm mirrors its screen so the reattached
// client gets the screen exactly once, as a snapshot, followed by live output.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { runCommand } from '../engine/run-command.ts';
import { errorMessage, log } from '../logger.ts';
import { PromptMarkerScanner } from './prompt-marker.ts';
import { ScreenMirror } from './screen-mirror.ts';

/** Who may hold the shell's output: the attached client (it is behind) or the screen mirror. */
export type OutputHold = 'client' | 'mirror';
// The screen mirror costs memory per cell: sizes beyond any real screen are clamped (the protocol allows more).
export const MAX_COLS = 400;
export const MAX_ROWS = 150;
// At most one resize per interval reaches the screen mirror and the engine, and the last size wins: a window
// being dragged sends dozens a second, and each re-wraps up to 1 000 lines of scrollback on the event loop
// (50 ms seen for one 2×1 ↔ 400×150 swing), so a flood of valid resize frames would stall every session.
const RESIZE_INTERVAL_MS = 100;
/** Keystrokes kept for a shell that has not started yet. */
const EARLY_INPUT_LIMIT = 64 * 1024;

export interface ShellOutput {
  /** Terminal bytes for the attached client, with Slipway's prompt markers removed. */
  write(bytes: Buffer): void;
  /** The shell exited (the learner typed `exit`). */
  end(): void;
}

/** A read-only viewer of the shell (an instructor): it has no way to send input. */
export interface ShellWatcher {
  write(bytes: Buffer): void;
  resized(cols: number, rows: number): void;
  end(): void;
}

export interface ShellEvents {
  onCommandDone(): void;
  /** The shell is gone for good (exited, killed, or its grace period ran out). */
  onGone(shell: ShellSession): void;
}

// Hangs up the shells whose pid files are given (bash passes SIGHUP on to its jobs) and removes the files.
const END_SHELLS = 'for f in "$@"; do [ -f "$f" ] && kill -HUP "$(cat "$f")" 2>/dev/null; rm -f "$f"; done';

/**
 * Ends every shell a previous server left in a sandbox it re-adopts: a Tty exec outlives the connection that
 * started it, so after a crash (kill -9) the old login shells would idle there for good.
 */
export async function endLeftoverShells(container: Docker.Container): Promise<void> {
  await runCommand(container, ['sh', '-c', `set -- /run/slipway/shell-*.pid; [ -f "$1" ] || exit 0; ${END_SHELLS}`, 'sh']);
}

export class ShellSession {
  readonly id = randomBytes(6).toString('hex');
  private readonly scanner = new PromptMarkerScanner();
  private readonly mirror = new ScreenMirror({ hold: () => this.hold('mirror'), release: () => this.release('mirror') });
  private exec?: Docker.Exec;
  private stream?: Duplex;
  private size = { cols: 80, rows: 24 };
  /** Runs while a newer size must wait (RESIZE_INTERVAL_MS). */
  private resizeTimer?: NodeJS.Timeout;
  private output?: ShellOutput;
  private held?: Buffer[];
  /** Keystrokes that arrived before the exec started. */
  private readonly early: Buffer[] = [];
  private graceTimer?: NodeJS.Timeout;
  private gone = false;
  private readonly holds = new Set<OutputHold>();
  private readonly container: Docker.Container;
  private events: ShellEvents;
  /** Watchers, each with the output held while its snapshot is taken (undefined once live). */
  private readonly watchers = new Map<ShellWatcher, Buffer[] | undefined>();

  constructor(container: Docker.Container, events: ShellEvents) {
    this.container = container;
    this.events = events;
  }

  async start(): Promise<void> {
    this.exec = await this.container.exec({
      Cmd: ['sh', '-c', 'mkdir -p /run/slipway && echo $$ > "/run/slipway/shell-$1.pid" && exec bash --login', 'sh', this.id],
      Env: ['TERM=xterm-256color', 'LANG=C.UTF-8'],
      WorkingDir: '/root',
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
    });
    const stream = await this.exec.start({ hijack: true, stdin: true, Tty: true });
    this.stream = stream;
    stream.on('data', (chunk: Buffer) => this.fromShell(chunk));
    stream.on('end', () => {
      this.output?.end();
      void this.kill();
    });
    stream.on('error', (error: Error) => log.warn('shell.stream_error', { error: error.message }));
    if (this.gone) return this.kill();
    if (this.holds.size > 0) stream.pause();
    for (const bytes of this.early.splice(0)) stream.write(bytes);
    await this.applySize();
  }

  /**
   * Attaches a client. With `restore`, the client first gets a snapshot of the screen; output arriving
   * while the snapshot is taken is held and sent after it, so nothing is shown twice or lost.
   */
  async attach(output: ShellOutput, restore: boolean): Promise<void> {
    clearTimeout(this.graceTimer);
    this.output = output;
    if (!restore) return;
    this.held = [];
    const snapshot = await this.mirror.snapshot();
    if (this.output !== output) return;
    output.write(Buffer.from(snapshot));
    for (const chunk of this.held) output.write(chunk);
    this.held = undefined;
  }

  /** A shell started ahead of its owner (the warm pool's) changes hands: its events go to `events` from now on. */
  handOver(events: ShellEvents): void {
    this.events = events;
  }

  get alive(): boolean {
    return !this.gone;
  }

  get dimensions(): { cols: number; rows: number } {
    return { ...this.size };
  }

  /** Adds a read-only watcher: the screen as a snapshot, then live output, as attach() does. */
  async watch(watcher: ShellWatcher): Promise<void> {
    if (this.gone) return watcher.end();
    this.watchers.set(watcher, []);
    const snapshot = await this.mirror.snapshot();
    const held = this.watchers.get(watcher);
    if (!held) return;
    watcher.write(Buffer.from(snapshot));
    for (const chunk of held) watcher.write(chunk);
    this.watchers.set(watcher, undefined);
  }

  unwatch(watcher: ShellWatcher): void {
    this.watchers.delete(watcher);
  }

  /** The client went away: keep the shell for `graceMs` in case it comes back. */
  detach(output: ShellOutput, graceMs: number): void {
    if (this.output !== output) return;
    this.output = undefined;
    this.held = undefined;
    this.graceTimer = setTimeout(() => void this.kill(), graceMs);
    this.graceTimer.unref();
  }

  /** Sends keystrokes; false when the shell is not reading them (wait for drained() before sending more). */
  input(bytes: Buffer): boolean {
    if (this.stream) return this.stream.write(bytes);
    if (this.early.reduce((total, chunk) => total + chunk.length, bytes.length) <= EARLY_INPUT_LIMIT) this.early.push(bytes);
    return true;
  }

  /** Resolves once input written so far has gone to the engine (or the shell is gone). */
  drained(): Promise<void> {
    const stream = this.stream;
    if (!stream || this.gone || !stream.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }

  /** Whether the shell runs in `container` (a node of the session). */
  runsIn(container: Docker.Container): boolean {
    return this.container.id === container.id;
  }

  /** No client is attached: it waits out its reconnect grace period. */
  get detached(): boolean {
    return this.output === undefined;
  }

  /** Stops reading the shell's output until every holder has released it (the shell blocks on a full pty). */
  hold(holder: OutputHold): void {
    this.holds.add(holder);
    this.stream?.pause();
  }

  release(holder: OutputHold): void {
    if (!this.holds.delete(holder) || this.holds.size > 0) return;
    this.stream?.resume();
  }

  heldBy(holder: OutputHold): boolean {
    return this.holds.has(holder);
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.size = { cols: Math.min(Math.max(cols, 2), MAX_COLS), rows: Math.min(Math.max(rows, 1), MAX_ROWS) };
    if (!this.resizeTimer) await this.applyResize();
  }

  /** Ends the shell (SIGHUP, which bash passes on to its jobs). Closing stdin would not end a Tty exec. */
  async kill(): Promise<void> {
    if (this.gone) return;
    this.gone = true;
    clearTimeout(this.graceTimer);
    clearTimeout(this.resizeTimer);
    this.stream?.destroy();
    this.mirror.dispose();
    for (const watcher of this.watchers.keys()) watcher.end();
    this.watchers.clear();
    this.events.onGone(this);
    if (!this.exec) return;
    await runCommand(this.container, ['sh', '-c', END_SHELLS, 'sh', `/run/slipway/shell-${this.id}.pid`]).catch(() => undefined); // sandbox gone: so is the shell
  }

  private fromShell(chunk: Buffer): void {
    const { output, markers } = this.scanner.push(chunk);
    if (output.length > 0) {
      this.mirror.write(output);
      if (this.held) this.held.push(output);
      else this.output?.write(output);
      for (const [watcher, held] of this.watchers) {
        if (held) held.push(output);
        else watcher.write(output);
      }
    }
    if (markers.some((marker) => marker.startsWith('done;'))) this.events.onCommandDone();
  }

  /** Applies the latest size, then holds later ones for RESIZE_INTERVAL_MS (the timer applies the last of them). */
  private async applyResize(): Promise<void> {
    const { cols, rows } = this.size;
    if (this.gone || this.mirror.hasSize(cols, rows)) return;
    this.resizeTimer = setTimeout(() => {
      this.resizeTimer = undefined;
      void this.applyResize();
    }, RESIZE_INTERVAL_MS);
    this.mirror.resize(cols, rows);
    for (const watcher of this.watchers.keys()) watcher.resized(cols, rows);
    await this.applySize();
  }

  private async applySize(): Promise<void> {
    // The engine refuses a resize before the exec has started; start() applies the latest size then.
    if (!this.stream || !this.exec) return;
    try {
      await this.exec.resize({ h: this.size.rows, w: this.size.cols });
    } catch (error) {
      log.warn('shell.resize_failed', { error: errorMessage(error) });
    }
  }
}
