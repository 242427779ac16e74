// The one terminal/control protocol, imported by the browser and the sandbox server.
// Binary websocket frames carry raw terminal bytes both ways; text frames carry the JSON messages below.
import { z } from 'zod';

export const StepIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a step id is lowercase letters, digits and dashes');

/** Control messages the browser sends as text frames. */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resize'),
    cols: z.number().int().min(2).max(1000),
    rows: z.number().int().min(1).max(500),
  }),
  z.object({ type: z.literal('check'), step: StepIdSchema }),
  // The browser's terminal is behind (xterm.js watermarks): stop sending output until `paused: false`.
  z.object({ type: z.literal('flow'), paused: z.boolean() }),
]);
/**
 * The session token as a terminal socket's first frame (instead of ?token= in the address, which proxies log).
 * Accepted only as the first frame of a socket that came without a token.
 */
export const AuthMessageSchema = z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(200) });
export type ClientMessage = z.infer<typeof ClientMessageSchema> | z.infer<typeof AuthMessageSchema>;

export const CheckEventSchema = z.object({
  type: z.literal('check'),
  step: StepIdSchema,
  ok: z.boolean(),
  output: z.string(),
  /** Present on the answer to the client's `check` request (Check now), absent on automatic checks. */
  requested: z.literal(true).optional(),
});
export type CheckEvent = z.infer<typeof CheckEventSchema>;

export const ShellIdSchema = z.string().regex(/^[a-f0-9]{12}$/, 'a shell id is 12 hex digits');

/** A node's hostname in a session: node1 … node5. */
export const NodeNameSchema = z.string().regex(/^node[1-5]$/, 'a node is node1 … node5');

/** A port published inside a node, reachable through the server's preview proxy at `url`. */
export const PreviewPortSchema = z.object({
  node: NodeNameSchema,
  port: z.number().int().min(1).max(65535),
  url: z.string(),
  /** The name of the container publishing it (absent from older servers). */
  container: z.string().optional(),
});
export type PreviewPort = z.infer<typeof PreviewPortSchema>;

/** Events the server sends as text frames. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  // The shell the socket is attached to: the first frame once the sandbox is ready (while a session waits,
  // `queue` and `notice` frames may come before it; after a reset a new one follows). `restored`: a reconnect
  // found the shell alive; the next binary frame is a snapshot of its screen (reset the terminal before writing it).
  z.object({ type: z.literal('shell'), id: ShellIdSchema, restored: z.boolean() }),
  CheckEventSchema,
  // Sent with each shell: which steps this session has already completed (survives page reloads); empty after a reset.
  z.object({ type: z.literal('progress'), completed: z.array(StepIdSchema) }),
  // A refused control frame, in English; `code` and `params` name the sentence in the UI dictionaries
  // (`error.<code>`), so a page can show it in its reader's language (absent from older servers).
  z.object({ type: z.literal('error'), message: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  // The session waits for capacity: its place in line (1 = next), sent whenever it changes; a `shell` frame
  // follows once the sandbox is ready.
  z.object({ type: z.literal('queue'), position: z.number().int().positive() }),
  // Something the learner should know about their sandbox (e.g. its disk is nearly full), to show as-is.
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning']), message: z.string() }),
  // The session's published ports: sent with each shell and whenever a port opens or closes on any node (or a reset removes them).
  z.object({ type: z.literal('ports'), ports: z.array(PreviewPortSchema) }),
  // A workshop instructor's message to every learner, shown on the lesson page.
  z.object({ type: z.literal('broadcast'), message: z.string(), from: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Shells (attached, or waiting out their reconnect grace period) one node, and one session, may run. */
export const SHELL_LIMITS = { perNode: 4, perSession: 10 } as const;

/** Websocket close codes with a reason the page can show. */
export const CloseCode = {
  normal: 1000,
  /** The server is restarting: reconnect (the session survives; the shell is a fresh one). */
  serverRestart: 1012,
  badFrame: 4400,
  unauthorized: 4401,
  unknownSession: 4404,
  sessionEnded: 4410,
  /** Too many terminals open on the node or the session: close one and reconnect. */
  tooManyShells: 4429,
  /**
   * Sent by the client: the learner closed this terminal, so its shell ends now instead of waiting to be reattached.
   * Not 4000: a generic application close (a proxy, a test dropping the line) must keep the shell for its reconnect.
   */
  shellClosed: 4100,
  engineError: 4500,
} as const;

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

/** A text frame decoded with one of the shared schemas: the one place both ends turn a frame into data. */
export function decodeFrame<T>(schema: z.ZodType<T>, text: string): Decoded<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'frame is not JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: z.prettifyError(parsed.error).replaceAll('\n', ' ') };
}

export const decodeClientMessage = (text: string): Decoded<ClientMessage> =>
  decodeFrame(ClientMessageSchema, text);
export const decodeServerMessage = (text: string): Decoded<ServerMessage> =>
  decodeFrame(ServerMessageSchema, text);
export const encodeMessage = (message: ClientMessage | ServerMessage): string => JSON.stringify(message);
