import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnerProgress, resultRows, stepCounts, type WorkshopRows } from './progress-report.ts';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (seconds: number) => T0 + seconds * 1000;
const lessons = [{ slug: 'first', title: 'First', steps: ['a', 'b', 'c'].map((id) => ({ id, title: id.toUpperCase() })) }];
const learner = (id: string, name: string, currentLesson: string | null) => ({ id, workshopId: 'w', name, tokenHash: id, joinedAt: at(0), currentLesson });

const rows: WorkshopRows = {
  lessons,
  learners: [learner('l1', 'Ada', 'first'), learner('l2', 'Bob', 'first'), learner('l3', 'Cy', null)],
  starts: [
    { learnerId: 'l1', lesson: 'first', startedAt: at(10) },
    { learnerId: 'l2', lesson: 'first', startedAt: at(20) },
  ],
  attempts: [
    { learnerId: 'l1', lesson: 'first', step: 'a', ok: false, at: at(30) },
    { learnerId: 'l1', lesson: 'first', step: 'a', ok: true, at: at(70) },
    { learnerId: 'l1', lesson: 'first', step: 'b', ok: true, at: at(100) },
    { learnerId: 'l2', lesson: 'first', step: 'a', ok: false, at: at(30) },
    { learnerId: 'l2', lesson: 'first', step: 'a', ok: false, at: at(40) },
    { learnerId: 'l2', lesson: 'first', step: 'a', ok: false, at: at(50) },
  ],
  completions: [
    { learnerId: 'l1', lesson: 'first', step: 'a', completedAt: at(70) },
    { learnerId: 'l1', lesson: 'first', step: 'b', completedAt: at(100) },
  ],
};

test('each learner row: ticks, current step, since when, failing checks in a row', () => {
  const [ada, bob, cy] = learnerProgress(rows, (id) => id === 'l1');
  assert.deepEqual(ada, {
    id: 'l1', name: 'Ada', joinedAt: new Date(at(0)).toISOString(), lesson: 'first', online: true,
    completed: { first: { a: new Date(at(70)).toISOString(), b: new Date(at(100)).toISOString() } },
    currentStep: 'c', currentSince: new Date(at(100)).toISOString(), failuresInARow: 0, attempts: 3,
  });
  assert.equal(bob?.currentStep, 'a');
  assert.equal(bob?.currentSince, new Date(at(20)).toISOString(), 'on the first step since the lesson started');
  assert.equal(bob?.failuresInARow, 3);
  assert.equal(cy?.lesson, null);
  assert.equal(cy?.currentStep, null, 'no lesson started: no current step, never stuck');
});

test('counts per step and the results export, with time spent from the previous completion', () => {
  assert.deepEqual(stepCounts(rows), { first: { a: 1, b: 1, c: 0 } });
  const results = resultRows(rows);
  assert.equal(results.length, 9);
  assert.deepEqual(results.slice(0, 3), [
    { learner: 'Ada', lesson: 'first', step: 'a', completedAt: new Date(at(70)).toISOString(), attempts: 2, timeSpentS: 60 },
    { learner: 'Ada', lesson: 'first', step: 'b', completedAt: new Date(at(100)).toISOString(), attempts: 1, timeSpentS: 30 },
    { learner: 'Ada', lesson: 'first', step: 'c', completedAt: null, attempts: 0, timeSpentS: null },
  ]);
  assert.deepEqual(results[3], { learner: 'Bob', lesson: 'first', step: 'a', completedAt: null, attempts: 3, timeSpentS: null });
});
