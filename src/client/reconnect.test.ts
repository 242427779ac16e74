import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReconnector, type ReconnectEnvironment, type ReconnectPolicy } from './reconnect.ts';

const POLICY: ReconnectPolicy = { maxRetries: 3, firstDelayMs: 500, maxDelayMs: 1500, stableMs: 5000 };

/** A hand-driven environment: timers fire when the test says so, never by waiting. */
function fakeEnvironment() {
  const timers = new Map<number, { run: () => void; ms: number }>();
  const wakers = new Set<() => void>();
  let next = 0;
  let online = true;
  const env: ReconnectEnvironment = {
    schedule(run, ms) {
      const id = next++;
      timers.set(id, { run, ms });
      return () => timers.delete(id);
    },
    isOnline: () => online,
    onWake(listener) {
      wakers.add(listener);
      return () => wakers.delete(listener);
    },
  };
  return {
    env,
    pending: () => [...timers.values()].map((timer) => timer.ms),
    /** Runs every scheduled timer of `ms`. */
    fire(ms: number) {
      for (const [id, timer] of [...timers]) if (timer.ms === ms) (timers.delete(id), timer.run());
    },
    setOnline(value: boolean) {
      online = value;
    },
    wake: () => [...wakers].forEach((listener) => listener()),
    listeners: () => wakers.size,
  };
}

test('backs off by doubling up to the ceiling, then gives up after the budget', () => {
  const fake = fakeEnvironment();
  let connects = 0;
  const reconnector = createReconnector(() => connects++, POLICY, fake.env);
  const delays = [];
  for (let i = 0; i < 3; i++) {
    const outcome = reconnector.closed();
    assert.equal(outcome.kind, 'retrying');
    if (outcome.kind === 'retrying') delays.push(outcome.delayMs);
    fake.fire(outcome.kind === 'retrying' ? outcome.delayMs : 0);
  }
  assert.deepEqual(delays, [500, 1000, 1500]);
  assert.equal(connects, 3);
  assert.deepEqual(reconnector.closed(), { kind: 'gave-up' });
});

test('a socket that stayed open long enough gets the whole budget again; a short-lived one does not', () => {
  const fake = fakeEnvironment();
  const reconnector = createReconnector(() => undefined, POLICY, fake.env);
  reconnector.closed();
  fake.fire(500);
  reconnector.opened();
  // Dropped before it was stable: the backoff goes on from where it was.
  assert.deepEqual(reconnector.closed(), { kind: 'retrying', delayMs: 1000 });
  fake.fire(1000);
  reconnector.opened();
  fake.fire(5000);
  assert.deepEqual(reconnector.closed(), { kind: 'retrying', delayMs: 500 });
});

test('offline, no attempt is spent; the network coming back reconnects at once', () => {
  const fake = fakeEnvironment();
  let connects = 0;
  const reconnector = createReconnector(() => connects++, POLICY, fake.env);
  fake.setOnline(false);
  for (let i = 0; i < 5; i++) assert.deepEqual(reconnector.closed(), { kind: 'offline' });
  assert.deepEqual(fake.pending(), []);
  fake.wake(); // visible again, but still offline: nothing to try
  assert.equal(connects, 0);
  fake.setOnline(true);
  fake.wake();
  assert.equal(connects, 1);
  assert.deepEqual(reconnector.closed(), { kind: 'retrying', delayMs: 500 });
});

test('a page shown again while a long backoff runs retries now, from the first delay', () => {
  const fake = fakeEnvironment();
  let connects = 0;
  const reconnector = createReconnector(() => connects++, POLICY, fake.env);
  reconnector.closed();
  fake.fire(500);
  reconnector.closed();
  assert.deepEqual(fake.pending(), [1000]);
  fake.wake();
  assert.equal(connects, 2);
  assert.deepEqual(fake.pending(), [], 'the pending retry is cancelled, not run twice');
  fake.wake();
  assert.equal(connects, 2, 'waking an open socket does nothing');
  assert.deepEqual(reconnector.closed(), { kind: 'retrying', delayMs: 500 });
});

test('stop cancels the pending attempt and stops listening', () => {
  const fake = fakeEnvironment();
  let connects = 0;
  const reconnector = createReconnector(() => connects++, POLICY, fake.env);
  reconnector.closed();
  reconnector.stop();
  fake.fire(500);
  fake.wake();
  assert.equal(connects, 0);
  assert.equal(fake.listeners(), 0);
});
