// A headless xterm that mirrors one shell's screen, so a reattaching client gets the screen once as a snapshot.
// It parses on the server's event loop, slower than `yes` prints: past a high mark of unparsed bytes it asks
// for the shell's output to be held until it catches up. Unheld, xterm throws once 50 MB wait to be parsed,
// and that exception, raised in the exec stream's data handler, took the whole server down.
import xtermHeadless from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';

const SCROLLBACK = 1000;
export const MIRROR_HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 1024 * 1024;

export interface MirrorBackpressure {
  /** The mirror is behind: stop reading the shell's output. */
  hold(): void;
  /** It caught up: read on. */
  release(): void;
}

export class ScreenMirror {
  // logLevel off: xterm logs every malformed escape sequence with its parser state, so `cat /dev/urandom` in a
  // learner's shell wrote megabytes to the server's log and spent most of the parse time on it (449 ms against
  // 106 ms for 240 KB of random bytes), stalling the event loop for everyone.
  private readonly terminal = new xtermHeadless.Terminal({ cols: 80, rows: 24, scrollback: SCROLLBACK, allowProposedApi: true, logLevel: 'off' });
  private readonly serializer = new SerializeAddon();
  private pending = 0;
  private held = false;
  private readonly backpressure: MirrorBackpressure;

  constructor(backpressure: MirrorBackpressure) {
    this.backpressure = backpressure;
    // The addon's types name the browser xterm; the headless terminal has the same addon surface.
    this.terminal.loadAddon(this.serializer as unknown as xtermHeadless.ITerminalAddon);
  }

  /** Bytes written but not parsed yet. */
  get backlog(): number {
    return this.pending;
  }

  write(bytes: Buffer): void {
    this.pending += bytes.length;
    this.terminal.write(bytes, () => {
      this.pending -= bytes.length;
      if (this.held && this.pending < LOW_WATER) {
        this.held = false;
        this.backpressure.release();
      }
    });
    if (!this.held && this.pending > MIRROR_HIGH_WATER) {
      this.held = true;
      this.backpressure.hold();
    }
  }

  /** The screen as escape sequences, once everything written so far is parsed. */
  snapshot(): Promise<string> {
    return new Promise((resolve) => this.terminal.write('', () => resolve(this.serializer.serialize())));
  }

  resize(cols: number, rows: number): void {
    this.terminal.resize(cols, rows);
  }

  /** Whether the mirrored screen already has this size. */
  hasSize(cols: number, rows: number): boolean {
    return this.terminal.cols === cols && this.terminal.rows === rows;
  }

  dispose(): void {
    this.terminal.dispose();
  }
}
