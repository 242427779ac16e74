import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionEvents } from './session-events.ts';
import type { Session } from './session.ts';

const session = { id: 's1' } as Session;

test('listeners hear their event in subscription order, until they unsubscribe', () => {
  const events = new SessionEvents();
  const heard: string[] = [];
  const first = events.on('ended', ({ reason }) => heard.push(`first:${reason}`));
  events.on('ended', ({ session: ended }) => heard.push(`second:${ended.id}`));
  events.on('reset', () => heard.push('reset'));
  events.emit('ended', { session, reason: 'idle' });
  first();
  events.emit('ended', { session, reason: 'deleted' });
  assert.deepEqual(heard, ['first:idle', 'second:s1', 'second:s1']);
});

test('a listener that throws does not stop the others', () => {
  const events = new SessionEvents();
  const heard: number[] = [];
  events.on('queued', () => {
    throw new Error('broken listener');
  });
  events.on('queued', ({ position }) => heard.push(position));
  events.emit('queued', { session, position: 3 });
  assert.deepEqual(heard, [3]);
});
