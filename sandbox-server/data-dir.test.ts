// The data folder and the workshops database are private to the server's user, whatever the umask, even
// when an older version (or the operator) created them world-readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openClassroomDatabase } from './classroom/database.ts';
import { SessionStore } from './sessions/session-store.ts';
import { temporaryFolder } from '../tests/support/temporary-folder.ts';

const mode = (file: string) => statSync(file).mode & 0o777;

test('the data folder is 0700 and the SQLite database (and its WAL) 0600', (t) => {
  const previous = process.umask(0o022);
  try {
    const loose = path.join(temporaryFolder(t, 'slipway-perm-'), 'data');
    mkdirSync(loose, { mode: 0o755 });
    const database = openClassroomDatabase(loose);
    database.exec('CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1);');
    assert.equal(mode(loose).toString(8), '700');
    assert.equal(mode(path.join(loose, DATABASE_FILE)).toString(8), '600');
    assert.equal(mode(path.join(loose, `${DATABASE_FILE}-wal`)).toString(8), '600');
    database.close();

    const fresh = path.join(temporaryFolder(t, 'slipway-perm-'), 'nested', 'data');
    return new SessionStore(fresh, 'perm').save([]).then(() => assert.equal(mode(fresh).toString(8), '700'));
  } finally {
    process.umask(previous);
  }
});
