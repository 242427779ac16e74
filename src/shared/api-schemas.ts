// Bodies of the public HTTP API (docs/api.md), shared by the server, the browser and tests.
import { z } from 'zod';

export const LessonSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a lesson slug is lowercase letters, digits and dashes');

export const CreateSessionRequestSchema = z.strictObject({ lesson: LessonSlugSchema });
export type CreateSessionRequest = z.infer<typeof CreateSessionRequestSchema>;

export const SessionSchema = z.object({
  id: z.string(),
  token: z.string(),
  lesson: LessonSlugSchema,
  createdAt: z.string(),
  /** Absent while the session is queued (202). */
  readyMs: z.number().optional(),
  /** Present when capacity was full (202): the session starts when its turn comes, in FIFO order. */
  queued: z.object({ position: z.number().int().positive() }).optional(),
});
export type SessionInfo = z.infer<typeof SessionSchema>;

export const SessionStatusSchema = z.object({
  id: z.string(),
  lesson: LessonSlugSchema,
  completed: z.array(z.string()),
  /** The earlier of the idle expiry and endsAt. */
  expiresAt: z.string(),
  /** The hard end (max lifetime); POST …/extend moves it. */
  endsAt: z.string(),
  /** queued: waiting for capacity; starting: its sandbox is being (re)started; ready: shells and checks work. */
  state: z.enum(['queued', 'starting', 'ready']),
  /** Place in the queue (1 = next) while queued. */
  position: z.number().int().positive().optional(),
});

/** POST /api/sessions/:id/reset: the fresh sandbox is ready and the progress cleared. */
export const ResetResponseSchema = z.object({ id: z.string(), completed: z.array(z.string()) });

export const ExtendResponseSchema = z.object({ endsAt: z.string() });
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const CheckResultSchema = z.object({ ok: z.boolean(), output: z.string() });
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const HealthSchema = z.object({
  ok: z.boolean(),
  engine: z.object({ version: z.string().optional() }),
  reason: z.string().optional(),
});

export const ApiErrorSchema = z.object({ error: z.string() });
