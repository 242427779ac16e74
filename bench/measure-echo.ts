// Keystroke echo: one character typed, until its echo comes back. Through the whole stack (websocket →
// server → exec → shell → back) and, as the floor, straight on the exec stream without the websocket.
import type Docker from 'dockerode';
import { TerminalClient } from '../tests/support/terminal-client.ts';
import { openDirectShell } from './direct-shell.ts';
import { summary } from './stats.ts';

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

async function echoLoop(send: (key: string) => void, received: () => string, keys: number, signal?: AbortSignal): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < keys; i += 1) {
    signal?.throwIfAborted();
    const key = KEYS[i % KEYS.length] ?? 'a';
    const before = received().length;
    const started = performance.now();
    send(key);
    while (!received().slice(before).includes(key)) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setImmediate(resolve));
    }
    samples.push(performance.now() - started);
    if (i % 60 === 59) send('\x15'); // Ctrl-U: keep the line short
  }
  return samples;
}

export async function measureEchoThroughServer(terminalUrl: string, keys: number, signal?: AbortSignal) {
  const terminal = await TerminalClient.open(terminalUrl);
  try {
    await terminal.waitForOutput(/[#$] $/m);
    return summary(await echoLoop((key) => terminal.type(key), () => terminal.output, keys, signal));
  } finally {
    terminal.close();
  }
}

export async function measureEchoDirect(container: Docker.Container, keys: number, signal?: AbortSignal) {
  const shell = await openDirectShell(container, signal);
  let output = '';
  shell.onData((chunk) => (output += chunk.toString('utf8')));
  try {
    return summary(await echoLoop((key) => shell.write(key), () => output, keys, signal));
  } finally {
    await shell.close();
  }
}
