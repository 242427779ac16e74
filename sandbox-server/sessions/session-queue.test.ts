import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionQueue } from './session-queue.ts';
import type { Session } from './session.ts';

/** The part of a session the queue uses, recording the queue frames its terminals would get. */
function waiting(name: string) {
  const frames: number[] = [];
  const session = {
    name,
    position: undefined as number | undefined,
    setPosition(position: number) {
      if (this.position === position) return;
      this.position = position;
      frames.push(position);
    },
  };
  return { session: session as unknown as Session & { name: string }, frames };
}

test('first in, first out; every move is told once, to the sessions that moved', () => {
  const queue = new SessionQueue();
  const [a, b, c] = [waiting('a'), waiting('b'), waiting('c')];
  for (const entry of [a, b, c]) queue.push(entry.session);
  assert.deepEqual([a.frames, b.frames, c.frames], [[1], [2], [3]]);

  assert.equal(queue.remove(b.session), true, 'an abandoned session leaves the line');
  assert.equal(queue.remove(b.session), false);
  assert.deepEqual([a.frames, c.frames], [[1], [3, 2]]);

  assert.equal((queue.shift() as unknown as { name: string }).name, 'a');
  assert.deepEqual(c.frames, [3, 2, 1]);
  assert.equal(queue.length, 1);
  assert.equal((queue.shift() as unknown as { name: string }).name, 'c');
  assert.equal(queue.shift(), undefined);
});
