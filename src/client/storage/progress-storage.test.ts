import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROGRESS_KEY } from '../../../shared/contracts/browser-state-schemas.ts';
import { memoryStorage } from './browser-storage.ts';
import { exportProgress, importProgress, lastUnfinished, loadProgress, mergeLessonProgress, saveLessonProgress } from './progress-storage.ts';

const entry = (over: Record<string, unknown> = {}) => ({ completed: ['run-hello'], current: 'clean-up', startedAt: 100, updatedAt: 200, ...over });

test('progress saved for a lesson loads back as it was', () => {
  const storage = memoryStorage();
  saveLessonProgress(storage, 'first-container', entry());
  saveLessonProgress(storage, 'images', entry({ completed: [], current: 'pull', updatedAt: 300 }));
  assert.deepEqual(loadProgress(storage), {
    lessons: { 'first-container': entry(), images: entry({ completed: [], current: 'pull', updatedAt: 300 }) },
    dropped: 0,
  });
});

test('nothing saved is no progress and no notice', () => {
  assert.deepEqual(loadProgress(memoryStorage()), { lessons: {}, dropped: 0 });
});

test('unreadable storage is dropped whole, counted once, and replaced by an empty record', () => {
  for (const text of ['{not json', '[]', '{"version":99,"lessons":{}}', '"progress"']) {
    const storage = memoryStorage({ [PROGRESS_KEY]: text });
    assert.deepEqual(loadProgress(storage), { lessons: {}, dropped: 1 }, text);
    assert.deepEqual(loadProgress(storage), { lessons: {}, dropped: 0 }, 'the notice is shown once');
  }
});

test('a corrupt lesson entry is dropped alone; the others are kept', () => {
  const storage = memoryStorage({
    [PROGRESS_KEY]: JSON.stringify({
      version: 1,
      lessons: {
        good: entry(),
        'bad-step': entry({ completed: ['Not A Step'] }),
        'bad-time': entry({ startedAt: -5 }),
        'not-object': 'done',
      },
    }),
  });
  assert.deepEqual(loadProgress(storage), { lessons: { good: entry() }, dropped: 3 });
  assert.deepEqual(loadProgress(storage), { lessons: { good: entry() }, dropped: 0 }, 'storage was cleaned');
});

test('export then import into another browser merges: steps from both, earliest start and finish', () => {
  const laptop = memoryStorage();
  saveLessonProgress(laptop, 'first-container', entry({ completed: ['run-hello', 'clean-up'], current: null, finishedAt: 900, updatedAt: 900 }));
  const file = JSON.stringify(exportProgress(loadProgress(laptop).lessons, new Date('2026-11-23T16:00:00Z')));

  const desktop = memoryStorage();
  saveLessonProgress(desktop, 'first-container', entry({ completed: ['detached'], startedAt: 50, updatedAt: 1000 }));
  saveLessonProgress(desktop, 'images', entry({ completed: [], current: 'pull' }));
  assert.deepEqual(importProgress(desktop, file), { ok: true, lessons: 1 });
  const { lessons } = loadProgress(desktop);
  assert.deepEqual(lessons['first-container'], {
    completed: ['detached', 'run-hello', 'clean-up'],
    current: null,
    startedAt: 50,
    finishedAt: 900,
    updatedAt: 1000,
  });
  assert.ok(lessons.images, 'lessons only in this browser stay');
});

test('an import that is not a Slipway export changes nothing and says why', () => {
  const storage = memoryStorage();
  saveLessonProgress(storage, 'first-container', entry());
  const before = storage.data.get(PROGRESS_KEY);
  assert.deepEqual(importProgress(storage, 'hello'), { ok: false, reason: 'not-json' });
  assert.deepEqual(importProgress(storage, '{"lessons":{}}'), { ok: false, reason: 'not-progress' });
  const oneBad = { app: 'slipway', version: 1, exportedAt: 'x', lessons: { ok: entry(), bad: entry({ completed: 7 }) } };
  assert.deepEqual(importProgress(storage, JSON.stringify(oneBad)), { ok: false, reason: 'not-progress' }, 'all or nothing');
  assert.equal(storage.data.get(PROGRESS_KEY), before);
});

test('merging an unfinished record with itself changes nothing', () => {
  const one = entry();
  assert.deepEqual(mergeLessonProgress(one, one), one);
});

test('"continue" is the unfinished lesson touched last, among the lessons shown', () => {
  const lessons = {
    a: entry({ updatedAt: 10 }),
    b: entry({ updatedAt: 30, finishedAt: 30, current: null }),
    c: entry({ updatedAt: 20 }),
    hidden: entry({ updatedAt: 99 }),
  };
  assert.equal(lastUnfinished(lessons, ['a', 'b', 'c']), 'c');
  assert.equal(lastUnfinished(lessons, ['b']), null);
});

test('a storage that throws on write loses persistence, never the page', () => {
  const storage = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
  saveLessonProgress(storage, 'first-container', entry());
  assert.deepEqual(loadProgress(storage), { lessons: {}, dropped: 0 });
});
