// The proof harness on the lesson toolkit's features, in real sandboxes: a lesson whose first step is proven
// by its file block alone, with assets and a setup script; and an imported Killercoda scenario (verify
// scripts, background, per-file assets with chmod, {{exec}} commands as solutions), and one in the shape of
// public scenarios (solutions in <details>, markers on closing fences, Alpine images mapped to the kit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importScenario } from '../../shared/lesson-format/killercoda/import-scenario.ts';
import { readLessonFolder } from '../../shared/lesson-format/read-lesson-folder.ts';
import { proveLesson, proven } from '../../tooling/prove-lesson.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { probeHost } from '../../sandbox-server/engine/host-facts.ts';
import { assertNoSandboxesLeft, uniqueInstance } from '../support/leftovers.ts';

const config = loadConfig();
const docker = connectDocker();
const instance = uniqueInstance('toolkit-proofs');
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

test('file blocks, assets and setup: every check fails before and passes after; the quiz-only step is not run', async () => {
  const lesson = await readLessonFolder(path.join(fixtures, 'lessons', '01-greeter'));
  const rows = await proveLesson(docker, lesson, { config, instance, host: await probeHost(docker, config) });
  assert.deepEqual(rows.map((row) => row.step), ['write-dockerfile', 'build']);
  assert.deepEqual(rows.filter((row) => !proven(row)).map((row) => `${row.step}: ${row.detail}`), []);
  await assertNoSandboxesLeft(instance);
});

test('a failing setup is reported as the lesson\'s first row, not as passing steps', async () => {
  const lesson = await readLessonFolder(path.join(fixtures, 'lessons', '01-greeter'));
  const broken = { ...lesson, meta: { ...lesson.meta, setup: 'echo "no database here" >&2; exit 3\n' } };
  const rows = await proveLesson(docker, broken, { config, instance, host: await probeHost(docker, config) });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.step, '(setup)');
  assert.ok(!proven(rows[0] ?? { failsBefore: true, passesAfter: true }));
  assert.match(rows[0]?.detail ?? '', /setup exited 3: no database here/);
  await assertNoSandboxesLeft(instance);
});

test('an imported Killercoda scenario is proven in a real sandbox', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-kc-'));
  try {
    const dir = path.join(root, '09-busybox-web');
    await cp(path.join(fixtures, 'killercoda', 'busybox-web'), dir, { recursive: true });
    const lesson = await readLessonFolder(dir);
    const rows = await proveLesson(docker, lesson, { config, instance, host: await probeHost(docker, config) });
    assert.deepEqual(rows.map((row) => row.step), ['run-a-container', 'serve-the-page', 'read-the-logs-and-clean-up']);
    assert.deepEqual(rows.filter((row) => !proven(row)).map((row) => `${row.step}: ${row.detail}`), []);
  } finally {
    await rm(root, { recursive: true, force: true });
    await assertNoSandboxesLeft(instance);
  }
});

test('a scenario in the shape of public Killercoda ones (details solutions, Alpine images) is proven as imported', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-kc-'));
  try {
    const { lesson } = await importScenario(path.join(fixtures, 'killercoda', 'bridge-lab'), path.join(root, '10-bridge-lab'));
    const rows = await proveLesson(docker, lesson, { config, instance, host: await probeHost(docker, config) });
    assert.deepEqual(rows.map((row) => row.step), ['create-a-bridge-network', 'reach-a-container-by-name', 'publish-a-port', 'clean-up']);
    assert.deepEqual(rows.filter((row) => !proven(row)).map((row) => `${row.step}: ${row.detail}`), []);
  } finally {
    await rm(root, { recursive: true, force: true });
    await assertNoSandboxesLeft(instance);
  }
});
