// The host's disk nearly full: new sessions are refused with a sentence that says so, the running one keeps
// working. Simulated with a small filesystem of this file's own (a 64 MiB tmpfs) as SLIPWAY_DATA_DIR and a
// threshold (SLIPWAY_MIN_FREE_DISK) of 32 MiB, rather than filling the disk every test shares.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSession, requestSession, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft, uniqueInstance } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { freeBytes } from '../../sandbox-server/sessions/disk-space.ts';

const run = promisify(execFile);
const MIB = 2 ** 20;
const instance = uniqueInstance('disk-full');
let dataDir = '';
let server: TestServer;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'slipway-small-disk-'));
  await run('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dataDir]);
  server = await startTestServer({ SLIPWAY_INSTANCE: instance, SLIPWAY_DATA_DIR: dataDir, SLIPWAY_MIN_FREE_DISK: '32m' });
});

after(async () => {
  await server?.close();
  await run('umount', [dataDir]).catch(() => undefined);
  await rmdir(dataDir).catch(() => rm(dataDir, { recursive: true, force: true }));
  await assertNoSandboxesLeft(instance);
});

test('a nearly full disk refuses new sessions with a sentence; the running session keeps working', async () => {
  const running = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, running));
  await terminal.waitForOutput(/[#$] $/m, 60_000);

  await writeFile(path.join(dataDir, 'filler'), Buffer.alloc(40 * MIB));
  const free = (await freeBytes(dataDir)) ?? 0;
  assert.ok(free < 32 * MIB, `the small disk has ${Math.round(free / MIB)} MiB free, under the threshold`);
  const refused = await requestSession(server.url);
  assert.equal(refused.status, 507);
  assert.match((refused.body as { error: string }).error, /^This server's disk is nearly full \(\d+ MiB free, it keeps 32 MiB\): no new sandbox can start until its operator frees space; sandboxes already running keep working\.$/);

  terminal.type('docker run --rm busybox echo "still-$((3 * 3))"\r');
  await terminal.waitForOutput(/^still-9\r?$/m, 180_000); // an inner docker run is slow on a busy machine
  terminal.close();

  await rm(path.join(dataDir, 'filler'));
  const again = await requestSession(server.url);
  assert.equal(again.status, 201, 'with space freed, sessions start again');
});
