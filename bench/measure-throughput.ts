// Terminal throughput: MB/s of `yes` through the websocket (server-side flow control on), with the peak
// memory of this process (which hosts the server) during the run; floor: the same command on the bare
// exec stream, no websocket.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { round } from './stats.ts';

const END = 'THROUGHPUT_DONE';
// The marker is printed by printf, so the echoed command line (which contains END split in two) never matches.
const command = (bytes: number) => `yes | head -c ${bytes}; printf '%s_%s\\n' THROUGHPUT DONE\r`;

interface Throughput {
  mbPerSecond: number;
  megabytes: number;
  seconds: number;
}

/** Counts bytes until the end marker, without keeping the output (a 100 MB string would measure the client). */
function countUntilEnd(subscribe: (onChunk: (chunk: Buffer) => void) => void): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let tail = '';
    const started = performance.now();
    subscribe((chunk) => {
      bytes += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-64);
      if (tail.includes(END)) resolve({ bytes, seconds: (performance.now() - started) / 1000 });
    });
  });
}

const toThroughput = ({ bytes, seconds }: { bytes: number; seconds: number }): Throughput => ({
  mbPerSecond: round(bytes / 1e6 / seconds, 1),
  megabytes: round(bytes / 1e6, 1),
  seconds: round(seconds, 2),
});

async function waitForPrompt(received: () => string): Promise<void> {
  while (!/[#$] $/m.test(received().replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g, ''))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function measureThroughputThroughServer(terminalUrl: string, bytes: number): Promise<Throughput & { peakRssMiB: number; baselineRssMiB: number }> {
  const socket = new WebSocket(terminalUrl);
  let prompt = '';
  const listeners = new Set<(chunk: Buffer) => void>();
  socket.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (prompt.length < 4096) prompt += chunk.toString('utf8');
    for (const listener of listeners) listener(chunk);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  await waitForPrompt(() => prompt);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const counted = countUntilEnd((onChunk) => listeners.add(onChunk));
  socket.send(Buffer.from(command(bytes)), { binary: true });
  const result = await counted.finally(() => clearInterval(sampler));
  socket.close();
  return { ...toThroughput(result), baselineRssMiB: round(baseline / 2 ** 20, 1), peakRssMiB: round(peak / 2 ** 20, 1) };
}

export async function measureThroughputDirect(container: Docker.Container, bytes: number): Promise<Throughput> {
  const exec = await container.exec({ Cmd: ['bash', '--login'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  let prompt = '';
  const listeners = new Set<(chunk: Buffer) => void>();
  stream.on('data', (chunk: Buffer) => {
    if (prompt.length < 4096) prompt += chunk.toString('utf8');
    for (const listener of listeners) listener(chunk);
  });
  await waitForPrompt(() => prompt);
  const counted = countUntilEnd((onChunk) => listeners.add(onChunk));
  stream.write(command(bytes));
  const result = await counted;
  stream.write('exit\r');
  stream.destroy();
  return toThroughput(result);
}
