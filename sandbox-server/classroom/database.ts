// Opens the classroom database: Node 22's built-in SQLite (node:sqlite), one file in SLIPWAY_DATA_DIR,
// migrated to the current schema. Built in, so there is no native module to compile or download.
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.ts';
import { ensurePrivateDirSync, ensurePrivateFileSync } from '../data-dir.ts';

export const DATABASE_FILE = 'classroom.sqlite';

// Node 22 flags node:sqlite as experimental and says so on stderr when it loads; the API Slipway uses is
// stable across 22.x, so that one warning is dropped rather than shown to every operator at every start.
// (A static import would load the module before any code here runs, hence the dynamic one.)
const emitWarning = process.emitWarning;
process.emitWarning = ((warning: string | Error, ...rest: never[]) =>
  String(warning).includes('SQLite is an experimental feature') ? undefined : emitWarning.call(process, warning, ...rest)) as typeof process.emitWarning;
export const { DatabaseSync: SqliteDatabase } = await import('node:sqlite').finally(() => (process.emitWarning = emitWarning));

export function openClassroomDatabase(dataDir: string): DatabaseSync {
  ensurePrivateDirSync(dataDir);
  // SQLite gives its -wal and -shm files the database file's mode.
  const file = path.join(dataDir, DATABASE_FILE);
  ensurePrivateFileSync(file);
  const database = new SqliteDatabase(file);
  // WAL: a crash loses at most the last transaction; readers never wait for the writer.
  database.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  migrate(database);
  return database;
}
