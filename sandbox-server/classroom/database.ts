// Opens the classroom database: Node 22's built-in SQLite (node:sqlite), one file in SLIPWAY_DATA_DIR,
// migrated to the current schema. Built in, so there is no native module to compile or download.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';

export const DATABASE_FILE = 'classroom.sqlite';

export function openClassroomDatabase(dataDir: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const database = new DatabaseSync(path.join(dataDir, DATABASE_FILE));
  // WAL: a crash loses at most the last transaction; readers never wait for the writer.
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  migrate(database);
  return database;
}
