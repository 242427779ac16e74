// Builds on the real engine: a build that fails on the network is tried again (and says so), one that fails
// in its Dockerfile is not; the classification on apt's real output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildImage, isTransientBuildFailure } from './build-image.ts';
import { connectHostEngine } from '../../sandbox-server/engine/docker.ts';
import { temporaryFolder } from '../../tests/support/temporary-folder.ts';

// The engine the image kit is built on.
const docker = connectHostEngine();

/** Builds a one-step Dockerfile on the kit's busybox; returns what the build said and how it failed. */
async function failingBuild(t: { after(fn: () => void): unknown }, run: string) {
  const context = temporaryFolder(t, 'slipway-build-');
  writeFileSync(path.join(context, 'Dockerfile'), `FROM busybox:latest\nRUN ${run}\n`);
  const said: string[] = [];
  const error = await buildImage(docker, { context, tags: [`slipway-test/build-retry:${process.pid}`] }, (line) => said.push(line), 10).then(
    () => assert.fail('the build was expected to fail'),
    (failure: unknown) => failure as Error,
  );
  return { said, error };
}

test("apt's output when the mirror did not resolve is a network failure; a missing file or a failing test is not", () => {
  assert.ok(isTransientBuildFailure("E: Failed to fetch http://deb.debian.org/debian/pool/main/b/busybox/busybox-static_1.37.0-6%2bb9_amd64.deb  Temporary failure resolving 'deb.debian.org'"));
  assert.ok(isTransientBuildFailure('npm error code EAI_AGAIN'));
  assert.ok(!isTransientBuildFailure("COPY failed: file not found in build context or excluded by .dockerignore: stat app.js: file does not exist"));
  assert.ok(!isTransientBuildFailure("The command '/bin/sh -c npm test' returned a non-zero code: 1"));
});

test('a build that fails on the network is tried three times, saying so, then fails naming the attempts', async (t) => {
  const { said, error } = await failingBuild(t, `echo "Err:1 http://deb.debian.org/debian trixie/main"; echo "  Temporary failure resolving 'deb.debian.org'"; exit 100`);
  assert.equal(said.filter((line) => line.includes('trying again')).length, 2, said.join('\n'));
  assert.match(said.find((line) => line.includes('trying again')) ?? '', /a network error \(.*Temporary failure resolving 'deb\.debian\.org'\): trying again, attempt 2 of 3/);
  assert.match(error.message, /returned a non-zero code: 100/);
  assert.match(error.message, /\(after 3 attempts\)$/);
});

test('a build that fails in its Dockerfile is not tried again', async (t) => {
  const { said, error } = await failingBuild(t, 'echo "cannot open app.js"; exit 2');
  assert.deepEqual(said.filter((line) => line.includes('trying again')), []);
  assert.match(error.message, /returned a non-zero code: 2/);
  assert.doesNotMatch(error.message, /attempts\)/);
});
