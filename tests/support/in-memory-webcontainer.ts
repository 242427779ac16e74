// An in-memory stand-in for the part of @webcontainer/api that src/client/runtime/webcontainer-runtime.ts uses,
// for unit tests (the real one boots only from StackBlitz's servers). Files live in a map; `jsh -c SCRIPT`
// answers from the test's `commands` table; an interactive `jsh` records what is typed and echoes it.
import type { ProcessLike, WebContainerLike } from '../../src/client/runtime/webcontainer-runtime.ts';
import type { ProjectTree } from '../../src/client/runtime/project-files.ts';

export interface CommandResult {
  code: number;
  output?: string;
  /** Never exits (a server, or a check that hangs). */
  hangs?: boolean;
}

export class InMemoryWebContainer implements WebContainerLike {
  readonly files = new Map<string, string>();
  readonly ran: string[] = [];
  readonly shells: { typed: string[]; exit(code: number): void; size: { cols: number; rows: number } }[] = [];
  commands: (script: string) => CommandResult = () => ({ code: 0 });
  private portListener?: (port: number, type: 'open' | 'close', url: string) => void;

  fs = {
    readFile: async (path: string) => {
      const content = this.files.get(path);
      if (content === undefined) throw new Error(`ENOENT: ${path}`);
      return content;
    },
    writeFile: async (path: string, data: string) => void this.files.set(path, data),
    readdir: async (path: string) => {
      const prefix = path === '/' ? '/' : `${path}/`;
      const names = new Map<string, boolean>();
      for (const file of this.files.keys()) {
        if (!file.startsWith(prefix)) continue;
        const [name = '', ...rest] = file.slice(prefix.length).split('/');
        names.set(name, rest.length > 0 || names.get(name) === true);
      }
      return [...names].map(([name, directory]) => ({ name, isFile: () => !directory, isDirectory: () => directory }));
    },
    mkdir: async (path: string) => path,
  };

  async mount(tree: ProjectTree, at = ''): Promise<void> {
    for (const [name, node] of Object.entries(tree)) {
      if ('file' in node) this.files.set(`${at}/${name}`, node.file.contents);
      else await this.mount(node.directory, `${at}/${name}`);
    }
  }

  async spawn(command: string, args: string[], options: { terminal?: { cols: number; rows: number } } = {}): Promise<ProcessLike> {
    if (command !== 'jsh') throw new Error(`only jsh is spawned, not ${command}`);
    if (args[0] === '-c') return this.script(args[1] ?? '');
    return this.shell(options.terminal ?? { cols: 80, rows: 24 });
  }

  on(_event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void {
    this.portListener = listener;
    return () => (this.portListener = undefined);
  }

  port(port: number, type: 'open' | 'close'): void {
    this.portListener?.(port, type, `https://preview-${port}.example.test`);
  }

  private script(script: string): ProcessLike {
    this.ran.push(script);
    const result = this.commands(script);
    let kill = () => {};
    const exit = result.hangs ? new Promise<number>((resolve) => (kill = () => resolve(137))) : Promise.resolve(result.code);
    return {
      exit,
      input: new WritableStream(),
      output: new ReadableStream({ start: (controller) => { if (result.output) controller.enqueue(result.output); controller.close(); } }),
      kill: () => kill(),
      resize: () => {},
    };
  }

  private shell(size: { cols: number; rows: number }): ProcessLike {
    let output!: ReadableStreamDefaultController<string>;
    let finish!: (code: number) => void;
    const record = { typed: [] as string[], size, exit: (code: number) => { output.close(); finish(code); } };
    this.shells.push(record);
    return {
      exit: new Promise((resolve) => (finish = resolve)),
      input: new WritableStream({ write: (text) => { record.typed.push(text); output.enqueue(text); } }),
      output: new ReadableStream({ start: (controller) => { output = controller; controller.enqueue('❯ '); } }),
      kill: () => record.exit(130),
      resize: (next) => void (record.size = next),
    };
  }
}
