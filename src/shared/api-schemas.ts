// Bodies of the public HTTP API (docs/api.md), shared by the server, the browser and tests.
import { z } from 'zod';
import { NodeNameSchema } from './protocol.ts';

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
  readyMs: z.number(),
});
export type SessionInfo = z.infer<typeof SessionSchema>;

/** `202` from POST /api/sessions: every sandbox is busy; the terminal socket reports the queue until one is free. */
export const QueuedSessionSchema = z.object({
  id: z.string(),
  token: z.string(),
  lesson: LessonSlugSchema,
  queued: z.object({ position: z.number().int().min(1) }),
});

export const SessionStatusSchema = z.object({
  id: z.string(),
  lesson: LessonSlugSchema,
  completed: z.array(z.string()),
  /** The earlier of the idle expiry and endsAt. */
  expiresAt: z.string(),
  /** The hard end (max lifetime); POST …/extend moves it. */
  endsAt: z.string(),
  /** The session's nodes, where the server runs more than one. */
  nodes: z.array(NodeNameSchema).optional(),
});

export const ExtendResponseSchema = z.object({ endsAt: z.string() });
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const CheckResultSchema = z.object({ ok: z.boolean(), output: z.string() });
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const HealthSchema = z.object({
  ok: z.boolean(),
  engine: z.object({ version: z.string().optional() }),
  reason: z.string().optional(),
});

export const NodeCreatedSchema = z.object({ node: NodeNameSchema });

export const FileEntrySchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['file', 'directory', 'symlink', 'other']),
  size: z.number().int().min(0),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;
export const DirectoryListingSchema = z.object({ path: z.string(), entries: z.array(FileEntrySchema) });
export const FileContentSchema = z.object({ path: z.string(), content: z.string(), size: z.number().int().min(0) });
export const FileSavedSchema = z.object({ path: z.string(), size: z.number().int().min(0) });

export const ApiErrorSchema = z.object({ error: z.string() });
