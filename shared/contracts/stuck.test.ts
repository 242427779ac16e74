import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stuckReason } from './stuck.ts';

const settings = { minutes: 5, failures: 3 };
const now = Date.parse('2026-01-01T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

test('stuck after N minutes on the same step, or K failing checks in a row', () => {
  assert.equal(stuckReason({ currentStep: 'a', currentSince: minutesAgo(4.9), failuresInARow: 2 }, settings, now), null);
  assert.equal(stuckReason({ currentStep: 'a', currentSince: minutesAgo(5), failuresInARow: 0 }, settings, now), 'no-progress');
  assert.equal(stuckReason({ currentStep: 'a', currentSince: minutesAgo(1), failuresInARow: 3 }, settings, now), 'failing');
  assert.equal(stuckReason({ currentStep: 'a', currentSince: minutesAgo(60), failuresInARow: 3 }, settings, now), 'failing', 'failing checks say more than time');
});

test('a learner who finished the lesson, or has not started one, is never stuck', () => {
  assert.equal(stuckReason({ currentStep: null, currentSince: minutesAgo(60), failuresInARow: 9 }, settings, now), null);
  assert.equal(stuckReason({ currentStep: 'a', currentSince: null, failuresInARow: 0 }, settings, now), null);
});
