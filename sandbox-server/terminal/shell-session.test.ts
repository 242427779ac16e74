import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_COLS, MAX_ROWS, ShellSession } from './shell-session.ts';

// A shell that is never started: resizes still reach its screen mirror and its watchers, which is what costs
// the server's time (no engine is involved).
const unstarted = () => new ShellSession({} as Docker.Container, { onCommandDone: () => undefined, onGone: () => undefined });

test('a flood of resizes re-wraps the screen a few times, and the last size wins', async () => {
  const shell = unstarted();
  const sizes: string[] = [];
  await shell.watch({ write: () => undefined, resized: (cols, rows) => sizes.push(`${cols}x${rows}`), end: () => undefined });
  for (let index = 0; index < 300; index += 1) void shell.resize(index % 2 === 0 ? 2 : 1000, index % 2 === 0 ? 1 : 500);
  void shell.resize(123, 45);
  assert.deepEqual(sizes, ['2x1'], 'only the first resize is applied at once');
  await sleep(250);
  assert.deepEqual(sizes, ['2x1', '123x45'], 'then only the last one');
  assert.deepEqual(shell.dimensions, { cols: 123, rows: 45 });
  await shell.kill();
});

test('a size beyond any real screen is clamped', async () => {
  const shell = unstarted();
  await shell.resize(100_000, 100_000);
  assert.deepEqual(shell.dimensions, { cols: MAX_COLS, rows: MAX_ROWS });
  await shell.kill();
});
