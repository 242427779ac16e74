// Runs a command in a container without a terminal and collects what it printed and its exit code. Every
// run has a deadline and may be aborted (its output misbehaved): then the exec is killed from the host, so
// a learner who replaced a tool the server runs cannot hold the server's attention forever.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { killExec } from './kill-exec.ts';

export interface CommandResult {
  exitCode: number;
  output: string;
}

export interface RunOptions {
  env?: string[];
  workingDir?: string;
  /** Output beyond this many bytes is dropped (a runaway check must not fill the server's memory). */
  maxOutputBytes?: number;
  /** Hears the output as it arrives (stdout and stderr interleaved). */
  onOutput?: (chunk: Buffer) => void;
  /** The exec is killed and the run rejected after this long; 0: no deadline (a watcher living as long as its node). */
  timeoutMs?: number;
  /** Aborting kills the exec and rejects the run with the signal's reason. */
  signal?: AbortSignal;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;

/** The run was stopped: deadline passed or aborted by its caller. */
export class ExecStopped extends Error {}

export async function runCommand(container: Docker.Container, cmd: string[], options: RunOptions = {}): Promise<CommandResult> {
  const limit = options.maxOutputBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  options.signal?.throwIfAborted();
  const exec = await container.exec({
    Cmd: cmd,
    Env: options.env,
    WorkingDir: options.workingDir,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    options.onOutput?.(chunk);
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  });
  container.modem.demuxStream(stream, sink, sink);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = (error: Error) => {
        stream.destroy();
        void killExec(exec, container.id).catch(() => false);
        reject(error);
      };
      if (timeoutMs > 0) timer = setTimeout(() => stop(new ExecStopped(`${cmd[0]} did not finish within ${timeoutMs / 1000} s and was killed`)), timeoutMs);
      onAbort = () => stop(new ExecStopped(String(options.signal?.reason ?? 'aborted')));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', reject);
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
}
