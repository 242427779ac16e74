// Numbered schema migrations for the classroom database. A migration, once released, never changes: add a
// new one. Each runs in a transaction with its row in schema_migrations, so a crash never half-applies one.
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'workshops, learners and progress',
    sql: `
      CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        lessons TEXT NOT NULL,               -- JSON array of lesson slugs, in order
        capacity INTEGER NOT NULL,
        starts_at INTEGER NOT NULL,          -- epoch milliseconds, as every time below
        ends_at INTEGER NOT NULL,
        ended_at INTEGER,
        instructor_token_hash TEXT NOT NULL, -- sha256 of the instructor token; the token itself is never stored
        stuck_minutes INTEGER NOT NULL,
        stuck_failures INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE learners (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,              -- case-folded name: one "Alex" per workshop
        token_hash TEXT NOT NULL UNIQUE,
        joined_at INTEGER NOT NULL,
        current_lesson TEXT,                 -- the lesson of their latest session
        UNIQUE (workshop_id, name_key)
      );
      CREATE TABLE lesson_starts (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        PRIMARY KEY (learner_id, lesson)
      );
      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson TEXT NOT NULL,
        step TEXT NOT NULL,
        ok INTEGER NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX attempts_by_learner ON attempts (learner_id, lesson, step, id);
      CREATE TABLE completions (
        learner_id TEXT NOT NULL REFERENCES learners(id),
        lesson TEXT NOT NULL,
        step TEXT NOT NULL,
        completed_at INTEGER NOT NULL,
        PRIMARY KEY (learner_id, lesson, step)
      );
    `,
  },
];

/** Applies the migrations `database` has not seen, in order; returns the versions applied now. */
export function migrate(database: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): number[] {
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    database
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => Number(row.version)),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  if (newest > known) throw new Error(`the classroom database is at schema version ${newest}, newer than this server knows (${known}): upgrade Slipway`);
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    database.exec('BEGIN IMMEDIATE');
    try {
      database.exec(migration.sql);
      database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw new Error(`classroom migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
    }
    done.push(migration.version);
  }
  return done;
}
