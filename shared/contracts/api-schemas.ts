// Bodies of the public HTTP API (docs/api.md), shared by the server, the browser and tests.
import { z } from 'zod';
import { NodeNameSchema, PreviewPortSchema } from './protocol.ts';

export const LessonSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a lesson slug is lowercase letters, digits and dashes');

export const CreateSessionRequestSchema = z.strictObject({
  lesson: LessonSlugSchema,
  // A workshop learner's session: its progress is reported to the workshop (docs/api.md, "Workshops").
  workshop: z.strictObject({ learner: z.string().regex(/^[\w-]{20,100}$/, 'the learner token from POST /api/workshops/join') }).optional(),
});
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
  /** The image node1 runs when the lesson chose one (a webcontainer lesson's fallback, e.g. node:22); absent: the Docker sandbox. */
  image: z.string().optional(),
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
  /** The session's nodes (hostnames), node1 first; empty until its sandbox is ready. */
  nodes: z.array(NodeNameSchema),
  /** As in SessionSchema: the lesson-chosen image node1 runs, if any. */
  image: z.string().optional(),
});

/** GET /api/runtime: where `runtime: webcontainer` lessons run on this server, and the WebContainer licence key. */
export const RuntimeSettingsSchema = z.object({
  /** auto: in the browser, else a Docker sandbox; docker: always a sandbox; webcontainer: only in the browser. */
  webcontainerLessons: z.enum(['auto', 'docker', 'webcontainer']),
  /** StackBlitz's commercial licence key (client id), null when none is configured. */
  webcontainerClientId: z.string().nullable(),
});
export type RuntimeSettings = z.infer<typeof RuntimeSettingsSchema>;

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

/** Every API error. `code` (with `params`) names the sentence in the UI dictionaries (`error.<code>`), for pages in other languages. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const AddNodeResponseSchema = z.object({ node: NodeNameSchema });

export const PortsResponseSchema = z.object({ ports: z.array(PreviewPortSchema) });

/** Files API: the largest file read or written in one call. */
export const MAX_FILE_BYTES = 1024 * 1024;

export const FileEntrySchema = z.object({
  name: z.string(),
  kind: z.enum(['file', 'directory', 'symlink', 'other']),
  size: z.number().int().min(0),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

export const DirectoryListingSchema = z.object({ path: z.string(), entries: z.array(FileEntrySchema) });
export type DirectoryListing = z.infer<typeof DirectoryListingSchema>;

export const FileContentSchema = z.object({ path: z.string(), content: z.string(), size: z.number().int().min(0) });
export type FileContent = z.infer<typeof FileContentSchema>;

export const WriteFileRequestSchema = z.strictObject({ content: z.string() });

export const WriteFileResponseSchema = z.object({ path: z.string(), size: z.number().int().min(0) });
