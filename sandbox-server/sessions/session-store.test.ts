import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SessionStore, type SessionRecord } from './session-store.ts';
import { temporaryFolder } from '../../tests/support/temporary-folder.ts';

const record = (id: string): SessionRecord => ({
  id,
  tokenHash: 'a'.repeat(64),
  lesson: 'first-container',
  client: '127.0.0.1',
  containerId: `container-${id}`,
  completed: ['run-hello'],
  createdAt: '2026-01-01T00:00:00.000Z',
  endsAt: '2026-01-01T02:00:00.000Z',
  lastActivity: 1_767_225_600_000,
});

test('records round-trip through one private file per instance; the last save wins; no temporary file stays', async (t) => {
  const dir = temporaryFolder(t, 'slipway-store-');
  const store = new SessionStore(path.join(dir, 'nested'), 'one');
  assert.deepEqual(await store.load(), [], 'no file yet: no records');
  // Not awaited in between: writes are serialised, so the newest snapshot lands last.
  void store.save([record('a')]);
  void store.save([record('a'), record('b')]);
  await store.save([record('b')]);
  assert.deepEqual(await store.load(), [record('b')]);
  assert.deepEqual(await new SessionStore(path.join(dir, 'nested'), 'two').load(), [], 'another instance has its own file');
  assert.deepEqual(await readdir(path.join(dir, 'nested')), ['sessions-one.json']);
  assert.equal((await stat(store.file)).mode & 0o777, 0o600);
});

test('a corrupt or foreign file reads as no records (their sandboxes are then reaped), never as a crash', async (t) => {
  const dir = temporaryFolder(t, 'slipway-store-');
  const store = new SessionStore(dir, 'x');
  for (const text of ['{not json', JSON.stringify({ version: 2, sessions: [] }), JSON.stringify({ version: 1, sessions: [{ id: 'no-hash' }] })]) {
    await writeFile(store.file, text);
    assert.deepEqual(await store.load(), [], text);
  }
  await store.save([record('c')]);
  assert.match(await readFile(store.file, 'utf8'), /"version": 1/);
});

test('a record names its workshop owner explicitly; a forged owner of another kind is refused, not trusted', async (t) => {
  const dir = temporaryFolder(t, 'slipway-store-');
  const store = new SessionStore(dir, 'owner');
  const learner: SessionRecord = { ...record('w'), client: 'workshop-learner:l1', owner: { kind: 'workshop-learner', workshopId: 'w1', learnerId: 'l1' } };
  await store.save([learner, record('plain')]);
  assert.deepEqual(await store.load(), [learner, record('plain')]);
  // Whoever can write the file could try to attach a session to a workshop through a made-up kind.
  await writeFile(store.file, JSON.stringify({ version: 1, sessions: [{ ...record('x'), owner: { kind: 'instructor', workshopId: 'w1', learnerId: 'l1' } }] }));
  assert.deepEqual(await store.load(), []);
});

test('once closed, the last snapshot stands: a late save (a check finishing during a restart) writes nothing', async (t) => {
  const dir = temporaryFolder(t, 'slipway-store-');
  const store = new SessionStore(dir, 'closing');
  void store.save([record('kept')]);
  await store.close(); // waits for the write in flight
  await store.save([]);
  assert.deepEqual(await new SessionStore(dir, 'closing').load(), [record('kept')], 'the records the next server re-adopts are intact');
});
