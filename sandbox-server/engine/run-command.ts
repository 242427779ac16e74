// Runs a command in a container without a terminal and collects what it printed and its exit code.
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

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
}

export async function runCommand(container: Docker.Container, cmd: string[], options: RunOptions = {}): Promise<CommandResult> {
  const limit = options.maxOutputBytes ?? 1024 * 1024;
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
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8') };
}
