import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIRROR_HIGH_WATER, ScreenMirror } from './screen-mirror.ts';

// What `yes` does to the mirror: output arrives faster than it parses. A writer that honours hold/release, as
// the exec stream does, gets everything through while the unparsed backlog stays near the high mark (unbounded,
// it reached xterm's 50 MB discard limit, and xterm threw).
test('the mirror holds a flood of output until it catches up, and never throws', async () => {
  const chunk = Buffer.from('y\r\n'.repeat(21_845)); // 64 KiB
  let held = false;
  let holds = 0;
  let released: (() => void) | undefined;
  const mirror = new ScreenMirror({
    hold: () => {
      held = true;
      holds += 1;
    },
    release: () => {
      held = false;
      released?.();
    },
  });
  let maxBacklog = 0;
  for (let written = 0; written < 3 * MIRROR_HIGH_WATER; written += chunk.length) {
    if (held) await new Promise<void>((resolve) => (released = resolve));
    mirror.write(chunk);
    maxBacklog = Math.max(maxBacklog, mirror.backlog);
  }
  assert.ok(holds > 0, 'the flood was held at least once');
  assert.ok(maxBacklog <= MIRROR_HIGH_WATER + chunk.length, `the backlog stayed bounded (${maxBacklog} bytes)`);
  const screen = await mirror.snapshot();
  assert.match(screen, /y/, 'the screen shows the output');
  assert.equal(mirror.backlog, 0);
  mirror.dispose();
});

// A learner's shell can print anything: garbage escape sequences are parsed without a word to the server's
// log (xterm logged each parse error with its whole parser state).
test('random bytes from a shell leave the server log silent', async () => {
  const mirror = new ScreenMirror({ hold: () => undefined, release: () => undefined });
  const logged: unknown[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = (...args: unknown[]) => void logged.push(args);
  try {
    mirror.write(Buffer.from('\x1b[<1;2;3\x1b]999;\x7f\x1bP\x9b\x1b[?9999999999h'));
    mirror.write(randomBytes(64 * 1024));
    await mirror.snapshot();
  } finally {
    Object.assign(console, saved);
    mirror.dispose();
  }
  assert.equal(logged.length, 0, `nothing logged (got ${logged.length} lines)`);
});
