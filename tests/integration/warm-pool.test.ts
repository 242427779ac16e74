// New sessions get a pre-warmed sandbox, the pool refills in the background, and capacity is never exceeded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorized, createSession, JSON_HEADERS, terminalUrl } from '../support/api-client.ts';
import { sandboxesOf } from '../support/leftovers.ts';
import { readUntil } from '../support/read-until.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';

const docker = connectDocker();
// No queue: a full server refuses (queue.test.ts covers waiting in line).
const server = serverForThisFile('pool', { SLIPWAY_POOL_SIZE: '1', SLIPWAY_MAX_SESSIONS: '2', SLIPWAY_MAX_QUEUE: '0' });


async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  assert.ok(line, `metric ${name} is exported`);
  return Number(line.split(' ')[1]);
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  // 60 s: a loaded machine starts sandboxes slowly.
  assert.ok(await readUntil(condition, Boolean, 60_000, 100), `timed out waiting for ${what}`);
}

test('a session is handed the warm sandbox, the pool refills, and a full server says so', async () => {
  await until(async () => (await metric('slipway_pool_ready')) === 1, 'the pool to warm up');
  const [warmId] = await sandboxesOf(server.instance);

  const first = await createSession(server.url);
  const firstContainer = await docker.getContainer(`slipway-${first.id}`).inspect();
  assert.equal(firstContainer.Id, warmId, 'the session got the pre-warmed sandbox, renamed after it');

  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, first));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('docker run --rm busybox echo from-the-p""ool\r');
  await terminal.waitForOutput(/^from-the-pool\r?$/m);
  terminal.close();

  // One session + one warm sandbox = capacity 2.
  await until(async () => (await metric('slipway_pool_ready')) === 1, 'the pool to refill');
  const second = await createSession(server.url);
  assert.equal((await sandboxesOf(server.instance)).length, 2);
  assert.equal(await metric('slipway_pool_warming'), 0, 'a full server does not warm more sandboxes');

  const refused = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson: 'first-container' }) });
  assert.equal(refused.status, 503);
  assert.match(((await refused.json()) as { error: string }).error, /in use/);
  assert.equal(await metric('slipway_sessions_active'), 2);

  await fetch(`${server.url}/api/sessions/${second.id}`, authorized(second, { method: 'DELETE' }));
  await until(async () => (await metric('slipway_pool_ready')) === 1, 'the pool to refill once capacity frees');
  assert.equal(await metric('slipway_session_create_seconds_count'), 2);
});
