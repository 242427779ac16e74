import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeServerMessage, encodeMessage } from '../../shared/contracts/protocol.ts';
import { createLessonStore, currentStepId, EDITOR_TAB, isFinished, progressOf, StepListSchema, type LessonStore } from './lesson-store.ts';

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

test('a sandbox reset keeps completed steps (as its dialog promises) and forgets check results', () => {
  const store = createLessonStore([...STEPS, { id: 'quiz', title: 'Quiz', quizzes: ['quiz-quiz-1'], quizOnly: true }]);
  receive(store, check('run-hello', false, 'not yet'));
  store.getState().markCompleted(['run-hello', 'clean-up', 'detached']);
  store.getState().quizAnswered('quiz-quiz-1');
  const finishedAt = store.getState().finishedAt;
  assert.notEqual(finishedAt, null);
  store.getState().sandboxReset();
  assert.deepEqual(store.getState().completed, ['run-hello', 'clean-up', 'detached', 'quiz']);
  assert.deepEqual(store.getState().checks, {});
  assert.equal(store.getState().finishedAt, finishedAt);
});

test('a step counts as attempted only once the learner ran a command on it or pressed Check now', () => {
  const store = createLessonStore(STEPS);
  store.getState().commandSent();
  receive(store, check('run-hello', true, 'ok'));
  // The server checks the next step at once: it fails before the learner has read it.
  receive(store, check('clean-up', false, 'The container is still there.'));
  assert.deepEqual(store.getState().attempted, ['run-hello']);
  store.getState().commandSent();
  assert.deepEqual(store.getState().attempted, ['run-hello', 'clean-up']);
  assert.equal(store.getState().checks['clean-up'], undefined, 'the result from before the command is stale');
  store.getState().checkRequested('detached');
  assert.deepEqual(store.getState().attempted, ['run-hello', 'clean-up', 'detached']);
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
  assert.equal(store.getState().connection.message, 'Connection lost. Reconnecting to your sandbox…');
});

test('connection states carry one sentence in the learner\'s language, defaulted or given', () => {
  const store = createLessonStore(STEPS);
  store.getState().setConnection('ready');
  assert.deepEqual(store.getState().connection, { status: 'ready', message: 'Connected' });
  store.getState().setConnection('ended', 'status.expired');
  assert.match(store.getState().connection.message, /^Your session ended \(idle too long or out of time\)\. Start a new sandbox/);
  store.getState().setConnection('engine-down');
  assert.match(store.getState().connection.message, /Docker engine .* Try again/);
  const chinese = createLessonStore(STEPS, { locale: 'zh-CN' });
  assert.equal(chinese.getState().connection.message, '正在启动你的沙箱…');
});

test('a queue message says the position; the shell frame then makes it ready', () => {
  const store = createLessonStore(STEPS);
  receive(store, encodeMessage({ type: 'queue', position: 3 }));
  assert.equal(store.getState().connection.status, 'queued');
  assert.match(store.getState().connection.message, /number 3 in the queue/);
  assert.equal(receive(store, '{"type":"queue","position":0}').ok, false, 'positions start at 1');
});

test('published ports replace the list; malformed ones are rejected', () => {
  const store = createLessonStore(STEPS);
  const ports = [{ node: 'node1', port: 8080, url: '/preview/abc/node1/8080/' }];
  receive(store, encodeMessage({ type: 'ports', ports }));
  assert.deepEqual(store.getState().ports, ports);
  for (const bad of [
    { node: 'node1', port: 70000, url: '/preview/abc/node1/70000/' },
    { node: 'web', port: 80, url: '/preview/abc/web/80/' },
    { node: 'node6', port: 80, url: '/preview/abc/node6/80/' },
  ]) {
    assert.equal(receive(store, JSON.stringify({ type: 'ports', ports: [bad] })).ok, false, JSON.stringify(bad));
  }
  receive(store, encodeMessage({ type: 'ports', ports: [] }));
  assert.deepEqual(store.getState().ports, []);
});

test('a server notice is kept for the workspace to show', () => {
  const store = createLessonStore(STEPS);
  receive(store, encodeMessage({ type: 'notice', level: 'warning', message: 'Your sandbox disk is 90% full.' }));
  assert.deepEqual(store.getState().notice, { level: 'warning', message: 'Your sandbox disk is 90% full.' });
});

test('nodes and tabs: the active node follows node tabs, removing a node moves off it and drops its ports', () => {
  const store = createLessonStore(STEPS);
  const state = () => store.getState();
  state().setNodes(['node1', 'node2']);
  state().showTab('node2');
  assert.equal(state().activeTab, 'node2');
  state().showTab(EDITOR_TAB);
  assert.equal(state().activeTab, EDITOR_TAB);
  assert.equal(state().activeNode, 'node2', 'the editor works on the last node shown');
  state().showTab('node7');
  assert.equal(state().activeTab, EDITOR_TAB, 'an unknown node is not a tab');
  receive(store, encodeMessage({ type: 'ports', ports: [{ node: 'node2', port: 80, url: '/preview/x/node2/80/' }] }));
  state().showTab('node2');
  state().setNodes(['node1']);
  assert.equal(state().activeTab, 'node1');
  assert.equal(state().activeNode, 'node1');
  assert.deepEqual(state().ports, []);
});

test('finishing the last step records when; restored progress keeps the earlier start', () => {
  let clock = 1_000;
  const store = createLessonStore(STEPS, { now: () => clock });
  store.getState().restoreProgress({ completed: ['run-hello', 'unknown-step'], current: 'clean-up', startedAt: 400, updatedAt: 500 });
  assert.deepEqual(store.getState().completed, ['run-hello']);
  assert.equal(store.getState().startedAt, 400);
  assert.equal(store.getState().finishedAt, null);
  clock = 9_000;
  receive(store, encodeMessage({ type: 'progress', completed: ['clean-up', 'detached'] }));
  assert.equal(store.getState().finishedAt, 9_000);
  clock = 20_000;
  assert.deepEqual(progressOf(store.getState(), clock), {
    completed: ['run-hello', 'clean-up', 'detached'],
    current: null,
    startedAt: 400,
    finishedAt: 9_000,
    updatedAt: 20_000,
  });
});

test('the page step list is validated', () => {
  assert.equal(StepListSchema.safeParse(STEPS).success, true);
  assert.equal(StepListSchema.safeParse([]).success, false, 'a lesson has steps');
  assert.equal(StepListSchema.safeParse([{ id: 'Bad Id', title: 'x' }]).success, false);
  assert.equal(StepListSchema.safeParse([{ id: 'ok', check: 'exit 0' }]).success, false);
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

test('an instructor\'s message shows until the learner dismisses it, and the next one shows again', () => {
  const store = createLessonStore(STEPS);
  receive(store, encodeMessage({ type: 'broadcast', message: 'Ten minutes left', from: 'instructor' }));
  assert.equal(store.getState().broadcast?.message, 'Ten minutes left');
  store.getState().dismissBroadcast();
  assert.equal(store.getState().broadcast, null);
  receive(store, encodeMessage({ type: 'broadcast', message: 'Five minutes left', from: 'instructor' }));
  assert.equal(store.getState().broadcast?.message, 'Five minutes left');
});
