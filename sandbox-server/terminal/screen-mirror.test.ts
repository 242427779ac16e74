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
