// The lesson runs in a WebContainer in this tab (runtime: webcontainer): the terminal is its jsh shell, the
// editor reads and writes its file system, its open ports are the previews, and the steps are checked by
// running each step's check with `jsh -c` in the project folder, in the same order and with the same rules as
// the server's (StepChecker): after every command the learner runs (Enter, then the output settles) and after
// every file saved. Written against the small part of the WebContainer API it uses, so it is tested against
// an in-memory one.
import type { ServerMessage, PreviewPort } from '../../../shared/contracts/protocol.ts';
import type { DirectoryListing, FileEntry } from '../../../shared/contracts/api-schemas.ts';
import { StepChecker, type CheckInput, type CheckOutcome } from '../../../shared/checks/step-checker.ts';
import type { LessonStep } from '../../../shared/lesson-format/lesson-schema.ts';
import type { TerminalSocket, TerminalSocketEvents } from '../terminal-socket.ts';
import type { LessonRuntime } from './lesson-runtime.ts';
import { containerPath, projectTree, type ProjectTree } from './project-files.ts';

export interface ProcessLike {
  exit: Promise<number>;
  input: WritableStream<string>;
  output: ReadableStream<string>;
  kill(): void;
  resize(size: { cols: number; rows: number }): void;
}

interface DirEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The part of `WebContainer` (@webcontainer/api) this runtime uses. */
export interface WebContainerLike {
  fs: {
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    writeFile(path: string, data: string): Promise<void>;
    readdir(path: string, options: { withFileTypes: true }): Promise<DirEntry[]>;
    mkdir(path: string, options: { recursive: true }): Promise<string>;
  };
  mount(tree: ProjectTree): Promise<void>;
  spawn(command: string, args: string[], options?: { terminal?: { cols: number; rows: number }; output?: boolean }): Promise<ProcessLike>;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
}

/** What the page tells the runtime about the lesson: its steps' checks (sent only on webcontainer pages). */
export interface WebContainerLesson {
  files: Record<string, string>;
  checks: { id: string; check: string }[];
}

export interface WebContainerRuntimeOptions {
  /** Runs `then` once the shell has been quiet for a moment after a command; returns a cancel. */
  settle?: (then: () => void) => () => void;
  checkTimeoutMs?: number;
}

/** The same cap as the server's check output (sandbox-server/checks/check-batch.ts, which runs them in a sandbox). */
const MAX_CHECK_OUTPUT = 4000;
const SETTLE_MS = 400;

export async function mountProject(container: WebContainerLike, files: Record<string, string>): Promise<void> {
  await container.mount(projectTree(files));
}

export function webcontainerRuntime(container: WebContainerLike, lesson: WebContainerLesson, options: WebContainerRuntimeOptions = {}): LessonRuntime {
  const settle = options.settle ?? ((then) => {
    const timer = setTimeout(then, SETTLE_MS);
    return () => clearTimeout(timer);
  });
  const listeners = new Set<TerminalSocketEvents>();
  const broadcast = (message: ServerMessage) => listeners.forEach((events) => events.onMessage(message));
  const steps = lesson.checks.map(({ id, check }): LessonStep => ({ id, title: id, line: 0, check, files: [], quizzes: [], hints: [], scriptLines: {} }));
  const checker = new StepChecker(steps, (checks, stop, onOutcome) => runChecks(container, checks, stop, options.checkTimeoutMs ?? 10_000, onOutcome), broadcast);

  let ports: PreviewPort[] = [];
  container.on('port', (port, type, url) => {
    ports = ports.filter((known) => known.port !== port);
    if (type === 'open') ports = [...ports, { node: 'node1', port, url }].sort((a, b) => a.port - b.port);
    broadcast({ type: 'ports', ports });
  });

  return {
    kind: 'webcontainer',
    openShell(_node, events) {
      listeners.add(events);
      return openJsh(container, events, {
        settle,
        onCommandDone: () => void checker.trigger(),
        onCheck: (step) => void checker.checkStep(step).catch(() => undefined),
        onOpen: () => ports.length > 0 && events.onMessage({ type: 'ports', ports }),
        onClose: () => listeners.delete(events),
      });
    },
    files: {
      async list(_node, path) {
        const entries = await container.fs.readdir(containerPath(path), { withFileTypes: true });
        return { path, entries: entries.map(toEntry).sort((a, b) => a.name.localeCompare(b.name)) } satisfies DirectoryListing;
      },
      async read(_node, path) {
        const content = await container.fs.readFile(containerPath(path), 'utf-8');
        return { path, content, size: new TextEncoder().encode(content).length };
      },
      async write(_node, path, content) {
        const target = containerPath(path);
        const parent = target.slice(0, target.lastIndexOf('/'));
        if (parent) await container.fs.mkdir(parent, { recursive: true });
        await container.fs.writeFile(target, content);
        // A saved file may complete a step, as a command does.
        void checker.trigger();
      },
    },
    // WebContainer previews live on their own origin, opened as they are.
    previewHref: (port) => port.url,
  };
}

const toEntry = (entry: DirEntry): FileEntry => ({ name: entry.name, kind: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other', size: 0 });

interface ShellHooks {
  settle(then: () => void): () => void;
  onCommandDone(): void;
  onCheck(step: string): void;
  onOpen(): void;
  onClose(): void;
}

/** One jsh in a pseudo-terminal, behind the terminal socket's interface; a shell that exits is replaced. */
function openJsh(container: WebContainerLike, events: TerminalSocketEvents, hooks: ShellHooks): TerminalSocket {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let size = { cols: 80, rows: 24 };
  let process: ProcessLike | undefined;
  let writer: WritableStreamDefaultWriter<string> | undefined;
  let closed = false;
  let cancelSettle: (() => void) | undefined;
  let commandPending = false;
  // A command is done once the shell has been quiet for a moment after Enter (jsh has no prompt hook).
  const awaitQuiet = () => {
    cancelSettle?.();
    cancelSettle = hooks.settle(() => {
      commandPending = false;
      hooks.onCommandDone();
    });
  };

  const start = async (reconnected: boolean) => {
    const shell = await container.spawn('jsh', [], { terminal: size });
    if (closed) return shell.kill();
    process = shell;
    writer = shell.input.getWriter();
    events.onShell({ id: shellId(), restored: false, resumed: false, replaced: reconnected, reset: false });
    events.onState({ kind: 'ready', resumed: false });
    hooks.onOpen();
    void shell.output.pipeTo(new WritableStream({
      write(text) {
        events.onBytes(encoder.encode(text));
        if (commandPending) awaitQuiet();
      },
    })).catch(() => undefined);
    void shell.exit.then(() => {
      writer = undefined;
      if (!closed) void start(true);
    });
  };
  events.onState({ kind: 'open' });
  void start(false).catch((error: unknown) => {
    console.error('[slipway] the WebContainer shell did not start:', error);
    events.onState({ kind: 'lost' });
  });

  return {
    sendBytes(bytes) {
      if (!writer) return false;
      const text = decoder.decode(bytes);
      if (text.includes('\r')) {
        commandPending = true;
        awaitQuiet();
      }
      void writer.write(text).catch(() => undefined);
      return true;
    },
    sendMessage(message) {
      if (message.type === 'resize') {
        size = { cols: message.cols, rows: message.rows };
        process?.resize(size);
      } else if (message.type === 'check') hooks.onCheck(message.step);
      // 'flow': the shell runs in this tab, there is no network to pause.
      return true;
    },
    close() {
      closed = true;
      cancelSettle?.();
      hooks.onClose();
      process?.kill();
    },
  };
}

/** A shell id in the server's format (12 hex digits), so the terminal treats a jsh like a sandbox shell. */
const shellId = () => Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Each check as `jsh -c` in the project folder; exit 0 passes. Stops at the first failure when asked. */
async function runChecks(container: WebContainerLike, checks: CheckInput[], stopAtFirstFailure: boolean, timeoutMs: number, onOutcome?: (outcome: CheckOutcome) => void): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    const outcome = await runCheck(container, check, timeoutMs);
    outcomes.push(outcome);
    onOutcome?.(outcome);
    if (!outcome.ok && stopAtFirstFailure) break;
  }
  return outcomes;
}

async function runCheck(container: WebContainerLike, check: CheckInput, timeoutMs: number): Promise<CheckOutcome> {
  const process = await container.spawn('jsh', ['-c', check.script], { output: true });
  let output = '';
  const collected = process.output.pipeTo(new WritableStream({ write: (text) => void (output = (output + text).slice(0, MAX_CHECK_OUTPUT)) })).catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const code = await Promise.race([process.exit, timedOut]);
  clearTimeout(timer);
  if (code === 'timeout') {
    process.kill();
    return { id: check.id, ok: false, output: `The check took longer than ${timeoutMs / 1000} s and was stopped.` };
  }
  await collected;
  // jsh draws for a terminal: drop colour and cursor sequences from what the learner reads.
  return { id: check.id, ok: code === 0, output: output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trim() };
}
