import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from './rate-limiter.ts';

test('a burst is allowed, then one per refill interval, per address', () => {
  let now = 0;
  const limiter = new RateLimiter({ burst: 3, perMinute: 6 }, () => now);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false]);
  assert.equal(limiter.take('b'), true, 'another address has its own bucket');
  assert.equal(limiter.retryAfterSeconds('a'), 10);
  now += 9_000;
  assert.equal(limiter.take('a'), false);
  now += 1_000;
  assert.equal(limiter.take('a'), true);
  now += 10 * 60_000;
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a')), [true, true, true, false], 'refills up to the burst, not beyond');
});
