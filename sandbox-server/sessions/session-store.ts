// Session records on disk, so a restarted server can re-adopt its learners' sandboxes. One JSON file per
// server instance in SLIPWAY_DATA_DIR, replaced atomically (write a temporary file, then rename). A record
// holds a hash of the token, never the token.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage, log } from '../logger.ts';
import { ensurePrivateDir } from '../data-dir.ts';

/** Who follows a session beyond its client: a workshop's learner (the classroom records its checks). */
export const SessionOwnerSchema = z.object({ kind: z.literal('workshop-learner'), workshopId: z.string(), learnerId: z.string() });
export type SessionOwner = z.infer<typeof SessionOwnerSchema>;

export const SessionRecordSchema = z.object({
  id: z.string(),
  /** sha256 of the token, hex. */
  tokenHash: z.string().regex(/^[a-f0-9]{64}$/),
  lesson: z.string(),
  client: z.string(),
  containerId: z.string(),
  completed: z.array(z.string()),
  createdAt: z.string(),
  endsAt: z.string(),
  lastActivity: z.number(),
  owner: SessionOwnerSchema.optional(),
});
export type SessionRecord = z.infer<typeof SessionRecordSchema>;

const FileSchema = z.object({ version: z.literal(1), sessions: z.array(SessionRecordSchema) });

export class SessionStore {
  readonly file: string;
  /** Writes run one after another, so an older snapshot never lands after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(dataDir: string, instance: string) {
    this.file = path.resolve(dataDir, `sessions-${instance}.json`);
  }

  /** The records of the last run; an unreadable file is reported and treated as empty (its sandboxes are reaped). */
  async load(): Promise<SessionRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let parsed: ReturnType<typeof FileSchema.safeParse>;
    try {
      parsed = FileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      log.warn('store.unreadable', { file: this.file, error: errorMessage(error) });
      return [];
    }
    if (parsed.success) return parsed.data.sessions;
    log.warn('store.unreadable', { file: this.file, error: z.prettifyError(parsed.error).replaceAll('\n', '; ').slice(0, 300) });
    return [];
  }

  /** Replaces the stored records with `records`; resolves once they are on disk. Ignored once closed. */
  save(records: SessionRecord[]): Promise<void> {
    if (this.closed) return this.writing;
    const text = `${JSON.stringify({ version: 1, sessions: records }, null, 1)}\n`;
    const write = async () => {
      await ensurePrivateDir(path.dirname(this.file));
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, this.file);
    };
    this.writing = this.writing.then(write).catch((error: unknown) => log.error('store.write_failed', { file: this.file, error: errorMessage(error) }));
    return this.writing;
  }

  /**
   * The server is going: the last snapshot stands. A check or an extension that finishes after a restart
   * detached its sessions would otherwise write an empty list over the records the next server re-adopts.
   */
  close(): Promise<void> {
    this.closed = true;
    return this.writing;
  }
}
