// The learner's progress per lesson in localStorage (schemas: shared/contracts/browser-state-schemas.ts). Corrupt
// entries are dropped on load and counted, so the page can say so instead of crashing or silently forgetting.
import {
  LessonProgressSchema,
  PROGRESS_KEY,
  PROGRESS_VERSION,
  ProgressExportSchema,
  StoredProgressSchema,
  type LessonProgress,
  type ProgressExport,
} from '../../../shared/contracts/browser-state-schemas.ts';
import { readJson, writeJson, type KeyValueStore } from './browser-storage.ts';

export type ProgressBook = Record<string, LessonProgress>;

export interface LoadedProgress {
  lessons: ProgressBook;
  /** Entries that failed validation and were removed (the whole record counts as one when unreadable). */
  dropped: number;
}

export function loadProgress(storage: KeyValueStore): LoadedProgress {
  const raw = readJson(storage, PROGRESS_KEY);
  if (raw === undefined) return { lessons: {}, dropped: 0 };
  const envelope = 'value' in raw ? StoredProgressSchema.safeParse(raw.value) : null;
  if (!envelope?.success) {
    console.warn('[slipway] dropping unreadable saved progress');
    writeProgress(storage, {});
    return { lessons: {}, dropped: 1 };
  }
  const lessons: ProgressBook = {};
  let dropped = 0;
  for (const [slug, entry] of Object.entries(envelope.data.lessons)) {
    const parsed = LessonProgressSchema.safeParse(entry);
    if (parsed.success) lessons[slug] = parsed.data;
    else {
      dropped += 1;
      console.warn(`[slipway] dropping corrupt progress of ${slug}:`, parsed.error.issues);
    }
  }
  if (dropped > 0) writeProgress(storage, lessons);
  return { lessons, dropped };
}

export function saveLessonProgress(storage: KeyValueStore, slug: string, progress: LessonProgress): void {
  const { lessons } = loadProgress(storage);
  writeProgress(storage, { ...lessons, [slug]: progress });
}

function writeProgress(storage: KeyValueStore, lessons: ProgressBook): void {
  writeJson(storage, PROGRESS_KEY, { version: PROGRESS_VERSION, lessons });
}

export function exportProgress(lessons: ProgressBook, now: Date): ProgressExport {
  return { app: 'slipway', version: PROGRESS_VERSION, exportedAt: now.toISOString(), lessons };
}

export type ImportResult = { ok: true; lessons: number } | { ok: false; reason: 'not-json' | 'not-progress' };

/** Merges an exported file into this browser's progress; nothing changes unless the whole file is valid. */
export function importProgress(storage: KeyValueStore, text: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const parsed = ProgressExportSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'not-progress' };
  const { lessons } = loadProgress(storage);
  for (const [slug, incoming] of Object.entries(parsed.data.lessons)) {
    const mine = lessons[slug];
    lessons[slug] = mine ? mergeLessonProgress(mine, incoming) : incoming;
  }
  writeProgress(storage, lessons);
  return { ok: true, lessons: Object.keys(parsed.data.lessons).length };
}

/** Two records of one lesson (two browsers): steps done in either count, the earliest start and finish win. */
export function mergeLessonProgress(a: LessonProgress, b: LessonProgress): LessonProgress {
  const newer = b.updatedAt > a.updatedAt ? b : a;
  const finishes = [a.finishedAt, b.finishedAt].filter((time): time is number => time !== undefined);
  return {
    completed: [...new Set([...a.completed, ...b.completed])],
    current: finishes.length > 0 ? null : newer.current,
    startedAt: Math.min(a.startedAt, b.startedAt),
    ...(finishes.length > 0 ? { finishedAt: Math.min(...finishes) } : {}),
    updatedAt: newer.updatedAt,
  };
}

/** The unfinished lesson touched last, for "Continue where you left off". */
export function lastUnfinished(lessons: ProgressBook, known: readonly string[]): string | null {
  let best: { slug: string; at: number } | null = null;
  for (const slug of known) {
    const entry = lessons[slug];
    if (entry && entry.finishedAt === undefined && (!best || entry.updatedAt > best.at)) best = { slug, at: entry.updatedAt };
  }
  return best?.slug ?? null;
}
