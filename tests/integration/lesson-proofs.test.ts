// Every lesson's checks, proven in a fresh real sandbox: each fails before its step's solution and passes after.
// Two lessons at a time: most of a proof is waiting on the inner engine, and 2 cores hold two comfortably.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isQuizOnly } from '../../shared/lesson-format/lesson-schema.ts';
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { proveLesson, proven } from '../../tooling/prove-lesson.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { probeHost } from '../../sandbox-server/engine/host-facts.ts';
import { assertNoSandboxesLeft, uniqueInstance } from '../support/leftovers.ts';

// CI's two cores are busy with other test files: give sandboxes and checks the time a loaded machine needs,
// as test servers do (an environment that sets them wins).
const config = loadConfig({ SLIPWAY_READY_TIMEOUT_S: '180', SLIPWAY_CHECK_TIMEOUT_S: '60', ...process.env });
const docker = connectDocker();
const instance = uniqueInstance('proofs');
const host = probeHost(docker, config);
host.catch(() => undefined); // reported by each test that awaits it

after(() => assertNoSandboxesLeft(instance));

describe('lesson proofs', { concurrency: 2 }, async () => {
  for (const lesson of await loadLessons(config.SLIPWAY_LESSONS_DIR)) {
    test(`lesson "${lesson.slug}": every check fails before its solution and passes after`, async () => {
      const rows = await proveLesson(docker, lesson, { config, instance, host: await host });
      assert.deepEqual(rows.map((row) => row.step), lesson.steps.filter((step) => !isQuizOnly(step)).map((step) => step.id));
      assert.deepEqual(rows.filter((row) => !proven(row)).map((row) => `${row.step}: ${row.detail}`), []);
    });
  }
});
