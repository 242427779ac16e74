// Keystroke echo: one character typed, until its echo comes back. Through the whole stack (websocket →
// server → exec → shell → back) and, as the floor, straight on the exec stream without the websocket.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { TerminalClient } from '../tests/support/terminal-client.ts';
import { summary } from './stats.ts';

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

async function echoLoop(send: (key: string) => void, received: () => string, keys: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < keys; i += 1) {
    const key = KEYS[i % KEYS.length] ?? 'a';
    const before = received().length;
    const started = performance.now();
    send(key);
    while (!received().slice(before).includes(key)) await new Promise((resolve) => setImmediate(resolve));
    samples.push(performance.now() - started);
    if (i % 60 === 59) send('\x15'); // Ctrl-U: keep the line short
  }
  return samples;
}

export async function measureEchoThroughServer(terminalUrl: string, keys: number) {
  const terminal = await TerminalClient.open(terminalUrl);
  await terminal.waitForOutput(/[#$] $/m);
  const samples = await echoLoop((key) => terminal.type(key), () => terminal.output, keys);
  terminal.close();
  return summary(samples);
}

export async function measureEchoDirect(container: Docker.Container, keys: number) {
  const exec = await container.exec({ Cmd: ['bash', '--login'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  let output = '';
  stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  while (!/[#$] $/m.test(output.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g, ''))) await new Promise((resolve) => setTimeout(resolve, 20));
  const samples = await echoLoop((key) => stream.write(key), () => output, keys);
  stream.write('exit\r');
  stream.destroy();
  return summary(samples);
}
