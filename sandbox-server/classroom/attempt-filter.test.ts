import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttemptFilter } from './attempt-filter.ts';

const outcome = (ok: boolean, output: string, step = 'run-web') => ({ learner: 'ada', lesson: 'ports', step, ok, output });

test('commands that change nothing (clear, ls) are not attempts: ten identical failures count as none', () => {
  const filter = new AttemptFilter();
  const counted = Array.from({ length: 10 }, () => filter.isAttempt(outcome(false, 'No container named web is running.')));
  assert.deepEqual(counted.filter(Boolean), []);
});

test('a failure that says something new is an attempt, and so is the pass', () => {
  const filter = new AttemptFilter();
  assert.equal(filter.isAttempt(outcome(false, 'No container named web is running.')), false, 'where the learner starts');
  assert.equal(filter.isAttempt(outcome(false, 'web is running but publishes no port.')), true);
  assert.equal(filter.isAttempt(outcome(false, 'web is running but publishes no port.')), false);
  assert.equal(filter.isAttempt(outcome(true, '')), true);
});

test('steps and learners are counted apart', () => {
  const filter = new AttemptFilter();
  filter.isAttempt(outcome(false, 'a'));
  assert.equal(filter.isAttempt(outcome(false, 'b', 'other-step')), false);
  assert.equal(filter.isAttempt({ ...outcome(false, 'b'), learner: 'bob' }), false);
  assert.equal(filter.isAttempt(outcome(false, 'b')), true);
});

test('a check the learner asked for (Check now) is always an attempt', () => {
  const filter = new AttemptFilter();
  assert.equal(filter.isAttempt({ ...outcome(false, 'same'), requested: true }), true);
  assert.equal(filter.isAttempt({ ...outcome(false, 'same'), requested: true }), true);
});
