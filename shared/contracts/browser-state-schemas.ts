// Everything Slipway keeps in the learner's browser (localStorage, sessionStorage) and the progress export file, validated here
// and only here. Storage belongs to the learner (and to extensions, older versions, hand edits), so nothing read
// from it is trusted. zod/mini keeps the catalog's progress island small.
import * as z from 'zod/mini';

const StepId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));
const LessonSlug = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/));
/** Epoch milliseconds. */
const Time = z.int().check(z.minimum(0));

/** One lesson's progress in this browser. */
export const LessonProgressSchema = z.object({
  completed: z.array(StepId),
  /** The step the learner was on, null once finished. */
  current: z.nullable(StepId),
  startedAt: Time,
  finishedAt: z.optional(Time),
  /** Last time the learner worked on it: orders "Continue where you left off". */
  updatedAt: Time,
});
export type LessonProgress = z.infer<typeof LessonProgressSchema>;

export const PROGRESS_KEY = 'slipway.progress';
export const PROGRESS_VERSION = 1;

/** The stored envelope; lessons are validated one by one so one bad entry does not cost the others. */
export const StoredProgressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  lessons: z.record(z.string(), z.unknown()),
});

/** The file "Export progress" writes and "Import progress" reads. */
export const ProgressExportSchema = z.object({
  app: z.literal('slipway'),
  version: z.literal(PROGRESS_VERSION),
  exportedAt: z.string(),
  lessons: z.record(LessonSlug, LessonProgressSchema),
});
export type ProgressExport = z.infer<typeof ProgressExportSchema>;

export const LOCALES = ['en', 'zh-CN'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const THEMES = ['light', 'dark'] as const;
export const SPLIT_MIN = 25;
export const SPLIT_MAX = 75;

export const PREFERENCES_KEY = 'slipway.prefs';
/** Learner preferences; an absent field means "follow the system" (theme, language) or the default layout. */
export const PreferencesSchema = z.object({
  theme: z.optional(z.enum(THEMES)),
  locale: z.optional(LocaleSchema),
  /** Width of the lesson pane, in percent of the page. */
  split: z.optional(z.number().check(z.gte(SPLIT_MIN), z.lte(SPLIT_MAX))),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** Quizzes answered correctly in one sandbox session (sessionStorage): a reload keeps quiz-only steps done. */
export const quizAnswersKey = (sessionId: string) => `slipway.quizzes.${sessionId}`;
export const QuizAnswersSchema = z.array(z.string().check(z.minLength(1)));

/** The sandbox sessions this browser started (localStorage): one per lesson, reused by every tab and reload. */
export const KNOWN_SESSIONS_KEY = 'slipway.sessions';
export const KnownSessionSchema = z.object({ id: z.string().check(z.minLength(1)), token: z.string().check(z.minLength(1)), lesson: LessonSlug });
export type KnownSession = z.infer<typeof KnownSessionSchema>;
export const KnownSessionsSchema = z.array(KnownSessionSchema);

/** The shell each node's terminal drives in this tab (sessionStorage), so a reload asks for it back. */
export const shellIdsKey = (sessionId: string) => `slipway.shells.${sessionId}`;
export const ShellIdsSchema = z.record(z.string().check(z.regex(/^node[1-5](\/[1-4])?$/)), z.string().check(z.regex(/^[a-f0-9]{12}$/)));
