// At capacity, new sessions wait in a FIFO queue (202) instead of failing: their terminals hear their place
// in line, and the first in line starts as soon as a sandbox frees up. The queue and each client's share
// are bounded; a queued session nobody waits for leaves the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, deleteSession, requestSession, sessionStatus, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { ApiErrorSchema, SessionSchema } from '../../shared/contracts/api-schemas.ts';

const server = serverForThisFile('queue', { SLIPWAY_MAX_SESSIONS: '1', SLIPWAY_MAX_QUEUE: '2', SLIPWAY_SESSIONS_PER_CLIENT: '3' });
const idleServer = serverForThisFile('queue-idle', { SLIPWAY_MAX_SESSIONS: '1', SLIPWAY_IDLE_TIMEOUT_S: '2', SLIPWAY_SWEEP_INTERVAL_S: '0.5' });

const queuedSession = async (baseUrl: string, expectedPosition: number) => {
  const { status, body } = await requestSession(baseUrl);
  assert.equal(status, 202, `a queued session is accepted: ${JSON.stringify(body)}`);
  const info = SessionSchema.parse(body);
  assert.deepEqual(info.queued, { position: expectedPosition });
  assert.equal(info.readyMs, undefined);
  return info;
};

const metric = async (baseUrl: string, name: string) => {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
};

test('a full server queues sessions in order and starts the first in line when a sandbox frees up', async (t) => {
  const running = await createSession(server.url);
  const second = await queuedSession(server.url, 1);
  const third = await queuedSession(server.url, 2);

  const perClient = await requestSession(server.url);
  assert.equal(perClient.status, 429, 'a fourth session from the same address is refused');
  assert.match(ApiErrorSchema.parse(perClient.body).error, /already have 3 sessions/);
  const queueFull = await requestSession(server.url, 'first-container', '127.0.0.2');
  assert.equal(queueFull.status, 503, 'another client finds the line full');
  assert.match(ApiErrorSchema.parse(queueFull.body).error, /waiting line is full/);

  assert.deepEqual({ ...(await sessionStatus(server.url, second)), expiresAt: '', endsAt: '' }, {
    id: second.id, lesson: 'first-container', completed: [], expiresAt: '', endsAt: '', state: 'queued', position: 1, nodes: [],
  });
  assert.equal(await metric(server.url, 'slipway_sessions_queued'), 2);

  const waiting = await TerminalClient.open(terminalUrl(server.wsUrl, third));
  await waiting.waitFor(() => waiting.events.some((event) => event.type === 'queue' && event.position === 2), 'queue position 2');
  await deleteSession(server.url, second); // abandoned: the third moves up
  await waiting.waitFor(() => waiting.events.some((event) => event.type === 'queue' && event.position === 1), 'queue position 1');
  assert.equal((await sessionStatus(server.url, third)).position, 1);
  assert.equal(waiting.shell(), undefined, 'no shell while queued');

  const freed = performance.now();
  await deleteSession(server.url, running);
  await waiting.waitFor(() => waiting.shell() !== undefined, 'the shell once the sandbox is ready', 60_000);
  t.diagnostic(`queue hand-over: ${Math.round(performance.now() - freed)} ms from DELETE of the running session to the queued one's shell`);
  await waiting.waitForOutput(/[#$] $/m);
  waiting.type('docker run --rm busybox echo "queued-$((6*7))"\r');
  await waiting.waitForOutput(/^queued-42\r?$/m, 30_000);
  const status = await sessionStatus(server.url, third);
  assert.equal(status.state, 'ready');
  assert.equal(status.position, undefined);
  assert.deepEqual(status.nodes, ['node1'], 'a dequeued session has its node once ready');
  assert.equal(await metric(server.url, 'slipway_sessions_queued'), 0);
  waiting.close();
  await deleteSession(server.url, third);
});

test('a queued session without a client leaves the line after the idle timeout; one with a terminal stays', async () => {
  const running = await createSession(idleServer.url);
  const abandoned = await queuedSession(idleServer.url, 1);
  const watched = await queuedSession(idleServer.url, 2);
  const waiting = await TerminalClient.open(terminalUrl(idleServer.wsUrl, watched));
  // Keep the running session busy with API calls (activity) until the abandoned one is gone.
  for (let tries = 0; ; tries += 1) {
    assert.ok(tries < 60, 'the abandoned session left the queue within 15 s');
    await sessionStatus(idleServer.url, running);
    // Asking about the abandoned session would count as activity: watch the queue's length instead.
    if ((await metric(idleServer.url, 'slipway_sessions_queued')) === 1) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const gone = await fetch(`${idleServer.url}/api/sessions/${abandoned.id}`, { headers: { authorization: `Bearer ${abandoned.token}` } });
  assert.equal(gone.status, 404, 'the abandoned session is gone');
  await waiting.waitFor(() => waiting.events.some((event) => event.type === 'queue' && event.position === 1), 'the watched session moving up');
  assert.equal((await sessionStatus(idleServer.url, watched)).state, 'queued', 'a learner watching the queue is not idle');
  await deleteSession(idleServer.url, running);
  await waiting.waitFor(() => waiting.shell() !== undefined, 'the watched session to start', 60_000);
  waiting.close();
  await deleteSession(idleServer.url, watched);
});
