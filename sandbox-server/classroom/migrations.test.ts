import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { SqliteDatabase } from './database.ts';
import { MIGRATIONS, migrate, type Migration } from './migrations.ts';
import { openClassroomDatabase } from './database.ts';
import { temporaryFolder } from '../../tests/support/temporary-folder.ts';

const versions = (database: DatabaseSync) => database.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((row) => Number(row.version));

test('a new database gets every migration once, in order; opening it again applies nothing', () => {
  const database = new SqliteDatabase(':memory:');
  assert.deepEqual(migrate(database), MIGRATIONS.map((migration) => migration.version));
  assert.deepEqual(migrate(database), []);
  assert.deepEqual(versions(database), MIGRATIONS.map((migration) => migration.version));
  const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((row) => row.name);
  for (const table of ['workshops', 'learners', 'attempts', 'completions', 'lesson_starts', 'schema_migrations']) assert.ok(tables.includes(table), table);
});

test('only the migrations a database has not seen run, and a failing one leaves nothing half-done', () => {
  const database = new SqliteDatabase(':memory:');
  const first: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE t (a INTEGER);' };
  const second: Migration = { version: 2, name: 'two', sql: 'ALTER TABLE t ADD COLUMN b TEXT;' };
  assert.deepEqual(migrate(database, [first]), [1]);
  assert.deepEqual(migrate(database, [second, first]), [2], 'sorted by version, the applied one skipped');
  const broken: Migration = { version: 3, name: 'broken', sql: 'CREATE TABLE u (a INTEGER); INSERT INTO nowhere VALUES (1);' };
  assert.throws(() => migrate(database, [first, second, broken]), /migration 3 \(broken\) failed/);
  assert.deepEqual(versions(database), [1, 2]);
  assert.equal(database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'u'").get()?.n, 0, 'the table of the failed migration was rolled back');
});

test('a database from a newer server is refused with a clear message', () => {
  const database = new SqliteDatabase(':memory:');
  migrate(database, [{ version: 1, name: 'one', sql: 'SELECT 1;' }, { version: 9, name: 'future', sql: 'SELECT 1;' }]);
  assert.throws(() => migrate(database, [{ version: 1, name: 'one', sql: 'SELECT 1;' }]), /schema version 9, newer than this server knows \(1\)/);
});

test('the database file lives in the data folder, which is created, and keeps its rows across opens', (t) => {
  const dataDir = path.join(temporaryFolder(t, 'slipway-migrate-'), 'nested', 'data');
  const database = openClassroomDatabase(dataDir);
  database.prepare("INSERT INTO workshops VALUES ('w1', 'ABCDEF', 't', '[]', 1, 0, 1, NULL, 'h', 5, 3, 0)").run();
  database.close();
  const reopened = openClassroomDatabase(dataDir);
  assert.equal(reopened.prepare('SELECT title FROM workshops').get()?.title, 't');
  reopened.close();
});
