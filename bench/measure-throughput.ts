// Terminal throughput: MB/s of `yes` through the websocket (server-side flow control on), with the peak
// memory of this process (which hosts the server) during the run; floor: the same command on the bare
// exec stream, no websocket.
import type Docker from 'dockerode';
import WebSocket from 'ws';
import { pause } from './deadline.ts';
import { openDirectShell, withoutEscapes } from './direct-shell.ts';
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
function countUntilEnd(subscribe: (onChunk: (chunk: Buffer) => void) => void, signal?: AbortSignal): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let tail = '';
    const started = performance.now();
    signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
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

export async function measureThroughputThroughServer(terminalUrl: string, bytes: number, signal?: AbortSignal): Promise<Throughput & { peakRssMiB: number; baselineRssMiB: number }> {
  const socket = new WebSocket(terminalUrl);
  let prompt = '';
  const listeners = new Set<(chunk: Buffer) => void>();
  socket.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (prompt.length < 4096) prompt += chunk.toString('utf8');
    for (const listener of listeners) listener(chunk);
  });
  let sampler: NodeJS.Timeout | undefined;
  try {
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    while (!/[#$] $/m.test(withoutEscapes(prompt))) await pause(20, signal);
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const counted = countUntilEnd((onChunk) => listeners.add(onChunk), signal);
    socket.send(Buffer.from(command(bytes)), { binary: true });
    const result = await counted;
    return { ...toThroughput(result), baselineRssMiB: round(baseline / 2 ** 20, 1), peakRssMiB: round(peak / 2 ** 20, 1) };
  } finally {
    clearInterval(sampler);
    socket.close();
  }
}

export async function measureThroughputDirect(container: Docker.Container, bytes: number, signal?: AbortSignal): Promise<Throughput> {
  const shell = await openDirectShell(container, signal);
  try {
    const counted = countUntilEnd((onChunk) => shell.onData(onChunk), signal);
    shell.write(command(bytes));
    return toThroughput(await counted);
  } finally {
    await shell.close();
  }
}
