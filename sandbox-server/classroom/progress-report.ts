// Turns the stored rows of one workshop into the dashboard's learner rows, per-step counts and the results
// export. Pure: the same rows always give the same report, before and after a restart.
import type { LearnerProgress, WorkshopLesson, WorkshopResultRow } from '../../shared/contracts/workshop-schemas.ts';
import type { AttemptRow, CompletionRow, LearnerRow, LessonStartRow } from './workshop-store.ts';

export interface WorkshopRows {
  lessons: WorkshopLesson[];
  learners: LearnerRow[];
  attempts: AttemptRow[];
  completions: CompletionRow[];
  starts: LessonStartRow[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const key = (...parts: string[]) => parts.join('\u0000');

function index(rows: WorkshopRows) {
  const completedAt = new Map(rows.completions.map((row) => [key(row.learnerId, row.lesson, row.step), row.completedAt]));
  const startedAt = new Map(rows.starts.map((row) => [key(row.learnerId, row.lesson), row.startedAt]));
  const attempts = new Map<string, AttemptRow[]>();
  for (const attempt of rows.attempts) {
    const id = key(attempt.learnerId, attempt.lesson, attempt.step);
    attempts.set(id, [...(attempts.get(id) ?? []), attempt]);
  }
  return { completedAt, startedAt, attempts };
}

export function learnerProgress(rows: WorkshopRows, online: (learnerId: string) => boolean): LearnerProgress[] {
  const { completedAt, startedAt, attempts } = index(rows);
  return rows.learners.map((learner) => {
    const completed: Record<string, Record<string, string>> = {};
    for (const row of rows.completions) {
      if (row.learnerId !== learner.id) continue;
      (completed[row.lesson] ??= {})[row.step] = iso(row.completedAt);
    }
    const lesson = rows.lessons.find((candidate) => candidate.slug === learner.currentLesson);
    const current = lesson?.steps.find((step) => !completedAt.has(key(learner.id, lesson.slug, step.id)));
    let currentSince: number | undefined;
    let failuresInARow = 0;
    if (lesson && current) {
      const doneTimes = lesson.steps.map((step) => completedAt.get(key(learner.id, lesson.slug, step.id)) ?? 0);
      currentSince = Math.max(startedAt.get(key(learner.id, lesson.slug)) ?? learner.joinedAt, ...doneTimes);
      const tries = attempts.get(key(learner.id, lesson.slug, current.id)) ?? [];
      while (failuresInARow < tries.length && !tries[tries.length - 1 - failuresInARow]?.ok) failuresInARow += 1;
    }
    return {
      id: learner.id,
      name: learner.name,
      joinedAt: iso(learner.joinedAt),
      lesson: lesson?.slug ?? null,
      online: online(learner.id),
      completed,
      currentStep: current?.id ?? null,
      currentSince: currentSince === undefined ? null : iso(currentSince),
      failuresInARow,
      attempts: rows.attempts.filter((attempt) => attempt.learnerId === learner.id).length,
    };
  });
}

export function stepCounts(rows: WorkshopRows): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const lesson of rows.lessons) counts[lesson.slug] = Object.fromEntries(lesson.steps.map((step) => [step.id, 0]));
  for (const row of rows.completions) {
    const lesson = counts[row.lesson];
    if (lesson && row.step in lesson) lesson[row.step] = (lesson[row.step] ?? 0) + 1;
  }
  return counts;
}

/** One row per learner × lesson × step, in join and lesson order, for the CSV and JSON exports. */
export function resultRows(rows: WorkshopRows): WorkshopResultRow[] {
  const { completedAt, startedAt, attempts } = index(rows);
  const result: WorkshopResultRow[] = [];
  for (const learner of rows.learners) {
    for (const lesson of rows.lessons) {
      // Time spent on a step: from the learner's previous completion in the lesson (or its start) to this one.
      const times = lesson.steps
        .map((step) => completedAt.get(key(learner.id, lesson.slug, step.id)))
        .filter((time): time is number => time !== undefined)
        .sort((a, b) => a - b);
      const started = startedAt.get(key(learner.id, lesson.slug));
      for (const step of lesson.steps) {
        const done = completedAt.get(key(learner.id, lesson.slug, step.id));
        let spent: number | null = null;
        if (done !== undefined && started !== undefined) {
          const before = times.filter((time) => time < done);
          spent = Math.round((done - Math.max(started, before[before.length - 1] ?? started)) / 1000);
        }
        result.push({
          learner: learner.name,
          lesson: lesson.slug,
          step: step.id,
          completedAt: done === undefined ? null : iso(done),
          attempts: attempts.get(key(learner.id, lesson.slug, step.id))?.length ?? 0,
          timeSpentS: spent,
        });
      }
    }
  }
  return result;
}
