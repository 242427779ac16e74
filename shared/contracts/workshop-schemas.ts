// Bodies and websocket frames of the workshop API (docs/api.md, "Workshops"), shared by the server, the
// instructor and learner pages, and the tests.
import { z } from 'zod';
import { LessonSlugSchema } from './api-schemas.ts';
import { StepIdSchema } from './protocol.ts';

/** Join codes avoid look-alikes (0/O, 1/I/L) so they can be read off a projector and typed without doubt. */
/** Learners a workshop takes (joins beyond it are refused); the instructor can raise it. */
export const CapacitySchema = z.number().int().min(1).max(500);

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const JoinCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase().replaceAll(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`), `a join code is ${JOIN_CODE_LENGTH} letters and digits`));

// Control and format characters (including bidi overrides) would let a name rewrite the dashboard around it.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
export const LearnerNameSchema = z
  .string()
  .transform((name) => name.trim().replaceAll(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'a display name is required')
      .max(40, 'a display name is at most 40 characters')
      .refine((name) => !UNPRINTABLE.test(name), 'a display name cannot contain control characters'),
  );

/** Random secrets handed out by the server (base64url). */
export const SecretTokenSchema = z.string().regex(/^[\w-]{20,100}$/, 'a token is the string the server handed out');
const IsoDateSchema = z.iso.datetime({ offset: true });
const IdSchema = z.string().regex(/^[\w-]{6,40}$/);

export const StuckSettingsSchema = z.strictObject({
  /** No step completed for this many minutes. */
  minutes: z.number().int().min(1).max(240),
  /** This many failing checks in a row on the current step. */
  failures: z.number().int().min(1).max(100),
});
export type StuckSettings = z.infer<typeof StuckSettingsSchema>;
// Checks run after every command, so a failure is often just a command on the way: 5 in a row is a signal.
export const DEFAULT_STUCK: StuckSettings = { minutes: 5, failures: 5 };

export const CreateWorkshopRequestSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(120),
    lessons: z.array(LessonSlugSchema).min(1).max(30),
    /** Learners expected: one sandbox is pre-warmed for each, within the server's capacity. */
    capacity: CapacitySchema,
    startsAt: IsoDateSchema,
    endsAt: IsoDateSchema,
    stuck: StuckSettingsSchema.optional(),
  })
  .refine((body) => Date.parse(body.endsAt) > Date.parse(body.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((body) => new Set(body.lessons).size === body.lessons.length, { message: 'a lesson is listed twice', path: ['lessons'] });
export type CreateWorkshopRequest = z.infer<typeof CreateWorkshopRequestSchema>;

export const WorkshopLessonSchema = z.object({ slug: LessonSlugSchema, title: z.string(), steps: z.array(z.object({ id: StepIdSchema, title: z.string() })) });
export type WorkshopLesson = z.infer<typeof WorkshopLessonSchema>;
/** The dashboard page's own titles of each lesson and step, in the page's language (the API's are English). */
export const PageLessonTitlesSchema = z.record(LessonSlugSchema, z.object({ title: z.string(), steps: z.record(StepIdSchema, z.string()) }));
export type PageLessonTitles = z.infer<typeof PageLessonTitlesSchema>;

/** The workshop's lessons with the page's titles where it has them. */
export const withPageTitles = (lessons: readonly WorkshopLesson[], titles: PageLessonTitles): WorkshopLesson[] =>
  lessons.map((lesson) => {
    const page = titles[lesson.slug];
    return page ? { ...lesson, title: page.title, steps: lesson.steps.map((step) => ({ ...step, title: page.steps[step.id] ?? step.title })) } : lesson;
  });

/** What learners may know about a workshop. */
export const WorkshopPublicSchema = z.object({
  id: IdSchema,
  code: z.string(),
  title: z.string(),
  lessons: z.array(WorkshopLessonSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  endedAt: z.string().nullable(),
});
export type WorkshopPublic = z.infer<typeof WorkshopPublicSchema>;

export const CreateWorkshopResponseSchema = z.object({
  workshop: WorkshopPublicSchema.extend({ capacity: z.number(), stuck: StuckSettingsSchema }),
  /** Shown once; only its hash is stored. */
  instructorToken: SecretTokenSchema,
  /** Path of the dashboard, token in the fragment so it never reaches a server log. */
  instructorPath: z.string(),
  joinPath: z.string(),
});
export type CreateWorkshopResponse = z.infer<typeof CreateWorkshopResponseSchema>;

export const JoinWorkshopRequestSchema = z.strictObject({ code: JoinCodeSchema, name: LearnerNameSchema });
export const JoinWorkshopResponseSchema = z.object({
  workshop: WorkshopPublicSchema,
  learner: z.object({ id: IdSchema, name: z.string(), token: SecretTokenSchema }),
});
export type JoinWorkshopResponse = z.infer<typeof JoinWorkshopResponseSchema>;

export const UpdateWorkshopRequestSchema = z
  .strictObject({ endsAt: IsoDateSchema.optional(), stuck: StuckSettingsSchema.optional(), capacity: CapacitySchema.optional() })
  .refine((body) => body.endsAt !== undefined || body.stuck !== undefined || body.capacity !== undefined, 'give endsAt, stuck or capacity');
export const BroadcastRequestSchema = z.strictObject({ message: z.string().trim().min(1).max(500) });
/** How many running learner sessions got the message. */
export const BroadcastResponseSchema = z.object({ delivered: z.number().int() });

/** One learner's row on the dashboard. */
export const LearnerProgressSchema = z.object({
  id: IdSchema,
  name: z.string(),
  joinedAt: z.string(),
  /** The lesson of their latest session, if they started one. */
  lesson: LessonSlugSchema.nullable(),
  /** Whether a sandbox session of theirs is running now (a terminal can be watched). */
  online: z.boolean(),
  /** lesson slug -> step id -> completion time. */
  completed: z.record(z.string(), z.record(z.string(), z.string())),
  /** The first step of `lesson` not completed, null when done or no lesson. */
  currentStep: StepIdSchema.nullable(),
  /** Since when they are on the current step (lesson start or previous completion). */
  currentSince: z.string().nullable(),
  /** Failing checks in a row on the current step. */
  failuresInARow: z.number().int(),
  attempts: z.number().int(),
});
export type LearnerProgress = z.infer<typeof LearnerProgressSchema>;

export const DashboardStateSchema = z.object({
  workshop: WorkshopPublicSchema.extend({ capacity: z.number(), stuck: StuckSettingsSchema }),
  learners: z.array(LearnerProgressSchema),
  /** lesson slug -> step id -> learners who completed it. */
  stepCounts: z.record(z.string(), z.record(z.string(), z.number())),
  /** Warm sandboxes waiting for this server's next sessions. */
  pool: z.object({ ready: z.number(), warming: z.number() }),
  at: z.string(),
});
export type DashboardState = z.infer<typeof DashboardStateSchema>;

/** Frames the server sends on the dashboard socket (text, JSON). */
export const DashboardMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: DashboardStateSchema }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type DashboardMessage = z.infer<typeof DashboardMessageSchema>;

/** Text frames on the watch socket; binary frames are the learner's terminal output. */
export const WatchMessageSchema = z.discriminatedUnion('type', [
  // Sent before the screen snapshot (one binary frame) and whenever the learner's terminal is resized.
  z.object({ type: z.literal('watching'), learner: z.string(), lesson: LessonSlugSchema, cols: z.number().int(), rows: z.number().int() }),
  z.object({ type: z.literal('size'), cols: z.number().int(), rows: z.number().int() }),
]);
export type WatchMessage = z.infer<typeof WatchMessageSchema>;

export const WorkshopResultRowSchema = z.object({
  learner: z.string(),
  lesson: LessonSlugSchema,
  step: StepIdSchema,
  completedAt: z.string().nullable(),
  attempts: z.number().int(),
  /** Seconds from the lesson's start or the previous step's completion to this completion. */
  timeSpentS: z.number().nullable(),
});
export type WorkshopResultRow = z.infer<typeof WorkshopResultRowSchema>;
