import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckEvent } from '../contracts/protocol.ts';
import type { LessonStep } from '../lesson-format/lesson-schema.ts';
import { StepChecker, type CheckOutcome, type RunChecks } from './step-checker.ts';

const lessonSteps = (...ids: string[]): LessonStep[] =>
  ids.map((id, index) => ({ id, title: `Step ${id}`, line: 10 * (index + 1), check: `check-${id}`, hints: [], files: [], quizzes: [], scriptLines: {} }));

/**
 * An in-memory stand-in for running checks in a sandbox. `engine` says which checks pass right now; each
 * call reads it when it starts (as a real exec would) and honours stopAtFirstFailure. With `gated`, every
 * call waits until the test releases it, so runs can overlap with triggers.
 */
function fakeEngine(engine: Record<string, boolean>, { gated = false } = {}) {
  const calls: { scripts: string[]; stopAtFirstFailure: boolean }[] = [];
  const releases: (() => void)[] = [];
  const runChecks: RunChecks = async (checks, stopAtFirstFailure) => {
    calls.push({ scripts: checks.map((check) => check.script), stopAtFirstFailure });
    const outcomes: CheckOutcome[] = [];
    for (const check of checks) {
      const ok = engine[check.script.replace(/^check-/, '')] === true;
      outcomes.push({ id: check.id, ok, output: ok ? '' : `${check.id} is not done` });
      if (!ok && stopAtFirstFailure) break;
    }
    if (gated) await new Promise<void>((resolve) => releases.push(resolve));
    return outcomes;
  };
  const release = () => {
    const next = releases.shift();
    assert.ok(next, 'a run is waiting');
    next();
  };
  return { runChecks, calls, release, waiting: () => releases.length };
}

function setup(ids: string[], engine: Record<string, boolean>, options: { gated?: boolean } = {}) {
  const fake = fakeEngine(engine, options);
  const events: CheckEvent[] = [];
  const checker = new StepChecker(lessonSteps(...ids), fake.runChecks, (event) => events.push(event));
  return { ...fake, events, checker, checkedIds: () => fake.calls.map((call) => call.scripts.map((script) => script.replace(/^check-/, ''))) };
}

/** Lets queued promise callbacks and immediates run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) await settle();
  assert.ok(condition(), 'condition reached');
}

describe('StepChecker', () => {
  test('trigger checks the pending steps in lesson order and stops at the first failure', async () => {
    const engine = { a: true, b: true, c: false, d: true };
    const { checker, calls, events, checkedIds } = setup(['a', 'b', 'c', 'd'], engine);
    await checker.trigger();
    assert.deepEqual(checkedIds(), [['a', 'b', 'c', 'd']]);
    assert.equal(calls[0]?.stopAtFirstFailure, true);
    assert.deepEqual(events, [
      { type: 'check', step: 'a', ok: true, output: '' },
      { type: 'check', step: 'b', ok: true, output: '' },
      { type: 'check', step: 'c', ok: false, output: 'c is not done' },
    ]);
    assert.deepEqual(checker.completedSteps(), ['a', 'b'], 'd passes but comes after the current step');
  });

  test('completed steps are sticky and not re-run', async () => {
    const engine = { a: true, b: false, c: false };
    const { checker, events, checkedIds } = setup(['a', 'b', 'c'], engine);
    await checker.trigger();
    assert.deepEqual(checker.completedSteps(), ['a']);

    // The learner undoes step a and does step b: a stays done and is not checked again.
    engine.a = false;
    engine.b = true;
    await checker.trigger();
    assert.deepEqual(checkedIds(), [['a', 'b', 'c'], ['b', 'c']]);
    assert.deepEqual(checker.completedSteps(), ['a', 'b']);

    engine.c = true;
    await checker.trigger();
    assert.deepEqual(checker.completedSteps(), ['a', 'b', 'c']);
    const eventCount = events.length;

    // Everything done: nothing is run and nothing is emitted.
    await checker.trigger();
    await checker.trigger();
    assert.equal(checkedIds().length, 3);
    assert.equal(events.length, eventCount);
  });

  test('triggers arriving while a run is under way collapse into exactly one follow-up run', async () => {
    const engine = { a: false, b: false };
    const { checker, checkedIds, release, waiting } = setup(['a', 'b'], engine, { gated: true });

    const first = checker.trigger();
    assert.equal(checkedIds().length, 1, 'the first run starts at once');
    engine.a = true;
    const followUps = [checker.trigger(), checker.trigger(), checker.trigger()];
    for (const promise of followUps) assert.equal(promise, first, 'a trigger during a run joins it');
    assert.equal(checkedIds().length, 1, 'no second run while the first is under way');

    let settled = false;
    void first.then(() => (settled = true));
    release();
    await until(() => waiting() === 1);
    assert.deepEqual(checkedIds(), [['a', 'b'], ['a', 'b']], 'one follow-up run, seeing the new state');
    assert.equal(settled, false, 'triggers resolve only once the state they saw has been checked');

    release();
    await Promise.all([first, ...followUps]);
    assert.equal(checkedIds().length, 2, 'exactly one follow-up');
    assert.deepEqual(checker.completedSteps(), ['a']);

    // Once idle, the next trigger starts a fresh run.
    engine.b = true;
    const next = checker.trigger();
    assert.notEqual(next, first);
    release();
    await next;
    assert.deepEqual(checkedIds(), [['a', 'b'], ['a', 'b'], ['b']]);
    assert.deepEqual(checker.completedSteps(), ['a', 'b']);
  });

  test('no follow-up run when nothing triggered during the run', async () => {
    const { checker, checkedIds, release } = setup(['a'], { a: false }, { gated: true });
    const run = checker.trigger();
    release();
    await run;
    await settle();
    assert.equal(checkedIds().length, 1);
  });

  test('checkStep checks one step out of order and emits its event', async () => {
    const engine = { a: false, b: false, c: true };
    const { checker, calls, events, checkedIds } = setup(['a', 'b', 'c'], engine);

    const outcome = await checker.checkStep('c');
    assert.deepEqual(outcome, { id: 'c', ok: true, output: '' });
    assert.deepEqual(checkedIds(), [['c']], 'only that step is run');
    assert.equal(calls[0]?.stopAtFirstFailure, true);
    assert.deepEqual(events, [{ type: 'check', step: 'c', ok: true, output: '', requested: true }], 'marked as asked for');
    assert.deepEqual(checker.completedSteps(), ['c']);

    const failed = await checker.checkStep('b');
    assert.deepEqual(failed, { id: 'b', ok: false, output: 'b is not done' });
    assert.deepEqual(events.at(-1), { type: 'check', step: 'b', ok: false, output: 'b is not done', requested: true });
    assert.deepEqual(checker.completedSteps(), ['c']);

    // The automatic run then only looks at what is still pending.
    await checker.trigger();
    assert.deepEqual(checkedIds().at(-1), ['a', 'b']);
  });

  test('checkStep on a completed step that now fails reports the failure but the step stays completed', async () => {
    const engine = { a: true };
    const { checker, events } = setup(['a'], engine);
    await checker.checkStep('a');
    engine.a = false;
    const outcome = await checker.checkStep('a');
    assert.equal(outcome.ok, false);
    assert.deepEqual(events.at(-1), { type: 'check', step: 'a', ok: false, output: 'a is not done', requested: true });
    assert.deepEqual(checker.completedSteps(), ['a']);
  });

  test('checkStep reports a failure when the runner returns no result', async () => {
    const events: CheckEvent[] = [];
    const checker = new StepChecker(lessonSteps('a'), async () => [], (event) => events.push(event));
    const outcome = await checker.checkStep('a');
    assert.deepEqual(outcome, { id: 'a', ok: false, output: 'The check did not report a result.' });
    assert.deepEqual(events, [{ type: 'check', step: 'a', ok: false, output: 'The check did not report a result.', requested: true }]);
  });

  test('completedSteps() is in lesson order, not completion order', async () => {
    const engine = { a: true, b: false, c: true, d: true };
    const { checker } = setup(['a', 'b', 'c', 'd'], engine);
    await checker.checkStep('d');
    await checker.checkStep('a');
    await checker.checkStep('c');
    assert.deepEqual([...checker.completed], ['d', 'a', 'c']);
    assert.deepEqual(checker.completedSteps(), ['a', 'c', 'd']);
  });

  test('an unknown step throws and runs nothing', async () => {
    const { checker, calls, events } = setup(['a'], { a: true });
    await assert.rejects(checker.checkStep('nope'), { message: 'unknown step nope' });
    assert.equal(calls.length, 0);
    assert.equal(events.length, 0);
    assert.equal(checker.hasStep('a'), true);
    assert.equal(checker.hasStep('nope'), false);
  });

  test(
    'a trigger in the moment between the last run ending and the checker going idle is not lost',
    async () => {
      const engine = { a: false };
      let resolveRun: () => void = () => {};
      let runs = 0;
      // Resolves straight from the test, so the run's end is exactly one microtask after release.
      const runChecks: RunChecks = (checks) => {
        runs++;
        const outcomes = checks.map((check) => ({ id: check.id, ok: engine.a, output: '' }));
        // Only the first run is held open; the follow-up run the late trigger causes answers at once.
        if (runs > 1) return Promise.resolve(outcomes);
        return new Promise((resolve) => (resolveRun = () => resolve(outcomes)));
      };
      const checker = new StepChecker(lessonSteps('a'), runChecks, () => {});
      const first = checker.trigger();
      let second: Promise<void> | undefined;
      resolveRun();
      queueMicrotask(() => {
        engine.a = true;
        second = checker.trigger();
      });
      await first;
      await second;
      await settle();
      assert.deepEqual(checker.completedSteps(), ['a'], `${runs} run(s)`);
      assert.equal(runs, 2, 'the late trigger caused exactly one more run');
    },
  );
});

describe('StepChecker with a quiz-only step', () => {
  test('the quiz-only step is never checked in the sandbox and does not hold back the steps after it', async () => {
    const fake = fakeEngine({ a: true, c: true });
    const steps = lessonSteps('a', 'quiz', 'c');
    const quizOnly = { ...steps[1]!, check: '', quizzes: [{ id: 'quiz-quiz-1', question: 'Q', options: ['x', 'y'], multiple: false, correct: [1], line: 1 }] };
    const checker = new StepChecker([steps[0]!, quizOnly, steps[2]!], fake.runChecks, () => undefined);
    await checker.trigger();
    assert.deepEqual(fake.calls.map((call) => call.scripts), [['check-a', 'check-c']]);
    assert.deepEqual(checker.completedSteps(), ['a', 'c']);
    assert.equal(checker.hasStep('quiz'), false, 'Check now on a quiz-only step is refused as an unknown step');
  });

  test('runs never overlap: checks asked for while a run is under way wait for it', async () => {
    let running = 0;
    let most = 0;
    const checker = new StepChecker(lessonSteps('a', 'b'), async (checks) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return checks.map((check) => ({ id: check.id, ok: false, output: '' }));
    }, () => undefined);
    await Promise.all([checker.trigger(), ...Array.from({ length: 20 }, () => checker.checkStep('a')), checker.checkStep('b')]);
    assert.equal(most, 1, 'one exec at a time');
  });
});
