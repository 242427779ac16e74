import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeServerMessage, encodeMessage } from '../shared/protocol.ts';
import { createLessonStore, currentStepId, isFinished, StepListSchema, type LessonStore } from './lesson-store.ts';

const STEPS = [
  { id: 'run-hello', title: 'Run a container' },
  { id: 'clean-up', title: 'Clean up' },
  { id: 'detached', title: 'Run in the background' },
];

const check = (step: string, ok: boolean, output = '') => encodeMessage({ type: 'check', step, ok, output });

/** A text frame as the terminal socket handles it: decoded with the protocol's schemas, then applied. */
function receive(store: LessonStore, text: string): { ok: boolean } {
  const decoded = decodeServerMessage(text);
  if (decoded.ok) store.getState().applyServerMessage(decoded.value);
  return { ok: decoded.ok };
}

test('starts connecting, on the first step, with nothing completed', () => {
  const state = createLessonStore(STEPS).getState();
  assert.equal(state.connection.status, 'connecting');
  assert.equal(state.connection.message, 'Starting your sandbox…');
  assert.deepEqual(state.completed, []);
  assert.equal(currentStepId(state), 'run-hello');
});

test('a passing check completes its step and moves the current step on', () => {
  const store = createLessonStore(STEPS);
  assert.deepEqual(receive(store, check('run-hello', true, 'ok')), { ok: true });
  assert.deepEqual(store.getState().completed, ['run-hello']);
  assert.equal(currentStepId(store.getState()), 'clean-up');
  assert.deepEqual(store.getState().checks['run-hello'], { ok: true, output: 'ok' });
});

test('a failing check records its output and completes nothing', () => {
  const store = createLessonStore(STEPS);
  receive(store, check('run-hello', false, 'No busybox container has printed the greeting yet.'));
  assert.deepEqual(store.getState().completed, []);
  assert.equal(currentStepId(store.getState()), 'run-hello');
  assert.deepEqual(store.getState().checks['run-hello'], {
    ok: false,
    output: 'No busybox container has printed the greeting yet.',
  });
});

test('a later failing check does not un-complete a step', () => {
  const store = createLessonStore(STEPS);
  receive(store, check('run-hello', true));
  receive(store, check('run-hello', false, 'gone'));
  assert.deepEqual(store.getState().completed, ['run-hello']);
});

test('completing a later step first keeps the earlier one current', () => {
  const store = createLessonStore(STEPS);
  receive(store, check('detached', true));
  receive(store, check('run-hello', true));
  assert.deepEqual(store.getState().completed, ['run-hello', 'detached'], 'kept in lesson order');
  assert.equal(currentStepId(store.getState()), 'clean-up');
});

test('progress restores completed steps, ignoring unknown ids, and finishes the lesson', () => {
  const store = createLessonStore(STEPS);
  receive(store, encodeMessage({ type: 'progress', completed: ['clean-up', 'not-a-step'] }));
  assert.deepEqual(store.getState().completed, ['clean-up']);
  assert.equal(isFinished(store.getState()), false);
  receive(store, encodeMessage({ type: 'progress', completed: ['run-hello', 'detached'] }));
  assert.deepEqual(store.getState().completed, ['run-hello', 'clean-up', 'detached']);
  assert.equal(currentStepId(store.getState()), null);
  assert.equal(isFinished(store.getState()), true);
});

test('corrupt or unknown frames are rejected and change nothing', () => {
  const store = createLessonStore(STEPS);
  const before = store.getState();
  for (const frame of [
    'not json',
    '{"type":"check","step":"run-hello"}',
    '{"type":"check","step":"Run Hello!","ok":true,"output":""}',
    '{"type":"launch-missiles"}',
    '[]',
  ]) {
    const result = receive(store, frame);
    assert.equal(result.ok, false, frame);
  }
  assert.equal(store.getState(), before, 'state object untouched');
});

test('a check event for a step this lesson does not have is ignored', () => {
  const store = createLessonStore(STEPS);
  const before = store.getState();
  assert.deepEqual(receive(store, check('other-lesson-step', true)), { ok: true });
  assert.equal(store.getState(), before);
});

test('a pending "Check now" is cleared by its answer and by losing the connection', () => {
  const store = createLessonStore(STEPS);
  store.getState().setConnection('ready');
  store.getState().checkRequested('clean-up');
  store.getState().checkRequested('clean-up');
  assert.deepEqual(store.getState().checking, ['clean-up']);
  receive(store, check('clean-up', false, 'still there'));
  assert.deepEqual(store.getState().checking, []);

  store.getState().checkRequested('detached');
  store.getState().setConnection('reconnecting');
  assert.deepEqual(store.getState().checking, []);
  assert.equal(store.getState().connection.message, 'Reconnecting…');
});

test('connection states carry one sentence, defaulted or given', () => {
  const store = createLessonStore(STEPS);
  store.getState().setConnection('ready');
  assert.deepEqual(store.getState().connection, { status: 'ready', message: 'Connected' });
  store.getState().setConnection('ended', 'Your session ended (idle too long).');
  assert.deepEqual(store.getState().connection, { status: 'ended', message: 'Your session ended (idle too long).' });
});

test('the page step list is validated', () => {
  assert.equal(StepListSchema.safeParse(STEPS).success, true);
  assert.equal(StepListSchema.safeParse([]).success, false, 'a lesson has steps');
  assert.equal(StepListSchema.safeParse([{ id: 'Bad Id', title: 'x' }]).success, false);
  assert.equal(StepListSchema.safeParse([{ id: 'ok', check: 'exit 0' }]).success, false);
});

test('a place in the queue and a notice are shown as the connection sentence', () => {
  const store = createLessonStore(STEPS);
  store.getState().setConnection('ready');
  assert.equal(receive(store, encodeMessage({ type: 'queue', position: 3 })).ok, true);
  assert.equal(store.getState().connection.status, 'connecting');
  assert.match(store.getState().connection.message, /number 3 in line/);
  store.getState().setConnection('ready');
  receive(store, encodeMessage({ type: 'notice', level: 'warning', message: 'Your sandbox has used 85 % of its disk space.' }));
  assert.deepEqual(store.getState().connection, { status: 'ready', message: 'Your sandbox has used 85 % of its disk space.' });
  assert.equal(receive(store, JSON.stringify({ type: 'queue', position: 0 })).ok, false, 'positions start at 1');
});

describe('quizzes', () => {
  const steps = [
    { id: 'read', title: 'Read', quizzes: ['read-quiz-1', 'read-quiz-2'], quizOnly: true },
    { id: 'run', title: 'Run', quizzes: ['run-quiz-1'] },
  ];

  test('a quiz-only step completes when its last quiz is answered, not before', () => {
    const store = createLessonStore(steps);
    store.getState().quizAnswered('read-quiz-1');
    assert.deepEqual(store.getState().completed, []);
    store.getState().quizAnswered('read-quiz-2');
    assert.deepEqual(store.getState().completed, ['read']);
    assert.deepEqual(store.getState().answered, ['read-quiz-1', 'read-quiz-2']);
  });

  test('a quiz in a step with a check records the answer but leaves completion to the check', () => {
    const store = createLessonStore(steps);
    store.getState().quizAnswered('run-quiz-1');
    assert.deepEqual(store.getState().answered, ['run-quiz-1']);
    assert.deepEqual(store.getState().completed, []);
  });

  test('an unknown quiz id changes nothing', () => {
    const store = createLessonStore(steps);
    store.getState().quizAnswered('nope-quiz-1');
    assert.deepEqual(store.getState().answered, []);
  });
});

test("an instructor's broadcast is kept as the latest message, and changes no progress", () => {
  const store = createLessonStore(STEPS);
  assert.equal(store.getState().broadcast, null);
  receive(store, encodeMessage({ type: 'broadcast', message: 'Break in 5', from: 'instructor' }));
  receive(store, encodeMessage({ type: 'broadcast', message: 'Back to work', from: 'instructor' }));
  assert.equal(store.getState().broadcast?.message, 'Back to work');
  assert.deepEqual(store.getState().completed, []);
});
