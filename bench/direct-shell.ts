// The floor's terminal: `bash --login` on a bare Tty exec stream, no websocket and no server in between.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { runCommand } from '../sandbox-server/engine/run-command.ts';
import { pause } from './deadline.ts';

const PROMPT = /[#$] $/m;
export const withoutEscapes = (text: string) => text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g, '');

export interface DirectShell {
  write(text: string): void;
  /** Hears every chunk of output from now on. */
  onData(listener: (chunk: Buffer) => void): void;
  /** Ends the shell. Closing the stream alone would leave it running (a Tty exec outlives its connection). */
  close(): Promise<void>;
}

/** Starts the shell and resolves at its first prompt. */
export async function openDirectShell(container: Docker.Container, signal?: AbortSignal): Promise<DirectShell> {
  const pidFile = `/run/bench-shell-${randomBytes(4).toString('hex')}.pid`;
  const exec = await container.exec({ Cmd: ['sh', '-c', 'echo $$ > "$1" && exec bash --login', 'sh', pidFile], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const ended = new Promise<void>((resolve) => stream.once('close', resolve).once('end', resolve));
  let prompt = '';
  const collect = (chunk: Buffer) => (prompt += chunk.toString('utf8'));
  stream.on('data', collect);
  try {
    while (!PROMPT.test(withoutEscapes(prompt))) await pause(20, signal);
  } catch (error) {
    stream.destroy();
    throw error;
  } finally {
    stream.off('data', collect);
  }
  return {
    write: (text) => void stream.write(text),
    onData: (listener) => void stream.on('data', listener),
    async close() {
      // Hung up by its pid, as the server ends its shells: typing `exit` may not land before the stream closes.
      await runCommand(container, ['sh', '-c', 'kill -HUP "$(cat "$1")"; rm -f "$1"', 'sh', pidFile]).catch(() => undefined);
      await Promise.race([ended, pause(5000)]);
      stream.destroy();
    },
  };
}
