// Keeps this browser's record of the lesson (localStorage) and the store in step: restores it on load (a
// corrupt record is dropped with a notice) and saves every change of progress.
import { isFinished, progressOf, type LessonStore } from './lesson-store.ts';
import { loadProgress, saveLessonProgress } from './storage/progress-storage.ts';
import type { KeyValueStore } from './storage/browser-storage.ts';

export function syncProgress(store: LessonStore, lesson: string, storage: KeyValueStore | null, onDropped: (count: number) => void): void {
  if (!storage) return;
  const { lessons, dropped } = loadProgress(storage);
  if (dropped > 0) onDropped(dropped);
  const saved = lessons[lesson];
  if (saved) store.getState().restoreProgress(saved);
  const save = () => saveLessonProgress(storage, lesson, progressOf(store.getState(), Date.now()));
  // Opening a lesson starts it: the catalog's "Continue where you left off" points here from now on.
  if (!saved || !isFinished(store.getState())) save();
  store.subscribe((state, previous) => {
    if (state.completed !== previous.completed || state.finishedAt !== previous.finishedAt) save();
  });
}
