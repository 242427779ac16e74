// A workshop of 30 learners in real sandboxes: each joins with the code, gets a pre-warmed sandbox and a
// prompt, some complete steps of "Your first container"; the dashboard (pushed over its websocket) matches
// what each did; the instructor watches a terminal read-only, broadcasts, exports; then the server restarts
// on the same data folder and everything is still there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { WatchMessageSchema, WorkshopResultRowSchema, type CreateWorkshopResponse, type DashboardState, type JoinWorkshopResponse } from '../../shared/contracts/workshop-schemas.ts';
import { authorized, JSON_HEADERS, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft, sandboxesOf, uniqueInstance } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { createLearnerSession, createWorkshop, DashboardClient, instructorAuth, joinWorkshop, workshopState } from '../support/workshop-client.ts';

const LEARNERS = 30;
const instance = uniqueInstance('workshop');
const dataDir = mkdtempSync(path.join(tmpdir(), 'slipway-workshop-'));
const env = { SLIPWAY_INSTANCE: instance, SLIPWAY_DATA_DIR: dataDir, SLIPWAY_MAX_SESSIONS: String(LEARNERS), SLIPWAY_READY_TIMEOUT_S: '180', SLIPWAY_RECONNECT_GRACE_S: '5' };
// A name a spreadsheet would run as a formula: the CSV must neutralise it.
const FORMULA_NAME = "=HYPERLINK(\"http://x\",\"y\")";
const PROMPT = /node1:~# $/m;

let server: TestServer;
let workshop: CreateWorkshopResponse;
let dashboard: DashboardClient;
const learners: { joined: JoinWorkshopResponse; session: SessionInfo; terminal: TerminalClient }[] = [];

before(async () => {
  server = await startTestServer(env);
});
after(async () => {
  dashboard?.close();
  for (const learner of learners) learner?.terminal.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  await assertNoSandboxesLeft(instance);
});

/** Types a command and waits for the prompt after it. */
async function run(terminal: TerminalClient, command: string): Promise<void> {
  const prompts = terminal.text.match(/node1:~# /g)?.length ?? 0;
  terminal.type(`${command}\r`);
  await terminal.waitFor(() => (terminal.text.match(/node1:~# /g)?.length ?? 0) > prompts, `the prompt after ${command}`, 60_000);
}

const expectedCompleted = (index: number): string[] => (index < 5 ? ['run-hello', 'clean-up'] : index < 10 ? ['run-hello'] : []);
const nameOf = (index: number) => (index === 29 ? FORMULA_NAME : `Learner ${String(index + 1).padStart(2, '0')}`);

function assertMatches(state: DashboardState, online: boolean): void {
  assert.equal(state.learners.length, LEARNERS);
  learners.forEach(({ joined }, index) => {
    const row = state.learners.find((candidate) => candidate.id === joined.learner.id);
    assert.ok(row, `${joined.learner.name} is on the dashboard`);
    assert.equal(row.name, nameOf(index));
    assert.equal(row.online, online);
    assert.equal(row.lesson, 'first-container');
    assert.deepEqual(Object.keys(row.completed['first-container'] ?? {}).sort(), [...expectedCompleted(index)].sort(), `${row.name}'s ticks`);
    assert.equal(row.currentStep, index < 5 ? 'detached' : index < 10 ? 'clean-up' : 'run-hello');
    if (index >= 10 && index < 15) assert.ok(row.failuresInARow >= 1, `${row.name} failed a check on the current step`);
  });
  assert.deepEqual(state.stepCounts['first-container'], { 'run-hello': 10, 'clean-up': 5, detached: 0, 'stop-and-remove': 0 });
}

test(`${LEARNERS} learners join, work in real sandboxes, and the dashboard shows what each did`, async () => {
  workshop = await createWorkshop(server.url, { title: 'Docker basics, group A', capacity: LEARNERS });
  assert.match(workshop.workshop.code, /^[A-HJKMNP-Z2-9]{6}$/);
  assert.match(workshop.instructorPath, new RegExp(`^/workshops/dashboard/#workshop=${workshop.workshop.id}&token=`));
  dashboard = await DashboardClient.open(server.wsUrl, workshop.workshop.id, workshop.instructorToken);
  await dashboard.waitFor((state) => state.learners.length === 0, 'the first state');

  // Everyone presses Start together: joins, sessions and terminals all at once.
  await Promise.all(
    Array.from({ length: LEARNERS }, async (_, index) => {
      const joined = await joinWorkshop(server.url, workshop.workshop.code.toLowerCase(), ` ${nameOf(index)} `);
      const session = await createLearnerSession(server.url, joined.learner.token);
      const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
      learners[index] = { joined, session, terminal };
      await terminal.waitForOutput(PROMPT, 180_000);
    }),
  );
  await dashboard.waitFor((state) => state.learners.length === LEARNERS && state.learners.every((learner) => learner.online), 'every learner online');

  await Promise.all(
    learners.map(async ({ terminal }, index) => {
      if (index < 10) {
        await run(terminal, 'docker run busybox echo "Hello from my first container"');
        await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass', 60_000);
      }
      if (index < 5) {
        await run(terminal, 'docker container prune -f');
        await terminal.waitFor(() => terminal.passed('clean-up'), 'clean-up to pass', 60_000);
      }
      if (index >= 10 && index < 15) {
        terminal.control({ type: 'check', step: 'run-hello' });
        await terminal.waitFor(() => terminal.events.some((event) => event.type === 'check' && !event.ok), 'a failing check');
      }
    }),
  );
  const pushed = await dashboard.waitFor(
    (state) => state.stepCounts['first-container']?.['clean-up'] === 5 && state.stepCounts['first-container']?.['run-hello'] === 10 && state.learners.filter((learner) => learner.failuresInARow > 0).length >= 5,
    'the dashboard to show every completion',
  );
  assertMatches(pushed, true);
  assertMatches(await workshopState(server.url, workshop.workshop.id, workshop.instructorToken), true);
});

test('the instructor watches a terminal read-only: screen, then live output; nothing typed reaches the shell', async () => {
  const { joined, terminal } = learners[0] ?? assert.fail('no learner');
  const watch = new WebSocket(`${server.wsUrl}/api/workshops/${workshop.workshop.id}/learners/${joined.learner.id}/watch`);
  let screen = '';
  const texts: unknown[] = [];
  watch.on('message', (data, isBinary) => {
    if (isBinary) screen += Buffer.from(data as Buffer).toString('utf8');
    else texts.push(WatchMessageSchema.parse(JSON.parse(String(data))));
  });
  await new Promise((resolve) => watch.once('open', resolve));
  watch.send(JSON.stringify({ type: 'auth', token: workshop.instructorToken }));
  const waitScreen = async (pattern: RegExp) => {
    for (let tries = 0; tries < 200 && !pattern.test(screen); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(screen, pattern);
  };
  await waitScreen(/Hello from my first container/);
  assert.deepEqual(texts[0], { type: 'watching', learner: 'Learner 01', lesson: 'first-container', cols: 80, rows: 24 });

  watch.send(Buffer.from('echo INJECTED-BY-WATCHER\r'), { binary: true });
  watch.send(JSON.stringify({ type: 'resize', cols: 20, rows: 5 }));
  await run(terminal, 'echo watched-"live"');
  await waitScreen(/watched-live/);
  await run(terminal, 'echo still-mine');
  assert.doesNotMatch(terminal.text, /INJECTED-BY-WATCHER/, 'the watcher cannot type into the learner shell');
  watch.close();

  const intruder = new WebSocket(`${server.wsUrl}/api/workshops/${workshop.workshop.id}/learners/${joined.learner.id}/watch`);
  await new Promise((resolve) => intruder.once('open', resolve));
  intruder.send(JSON.stringify({ type: 'auth', token: joined.learner.token }));
  const code = await new Promise<number>((resolve) => intruder.once('close', (closeCode) => resolve(closeCode)));
  assert.equal(code, 4401, 'a learner token does not open the watch socket');
});

test('instructor-only calls refuse learners; a learner cannot start a lesson outside the workshop', async () => {
  const id = workshop.workshop.id;
  const learnerToken = learners[0]?.joined.learner.token ?? '';
  assert.equal((await fetch(`${server.url}/api/workshops/${id}`)).status, 401);
  assert.equal((await fetch(`${server.url}/api/workshops/${id}`, instructorAuth(learnerToken))).status, 401);
  assert.equal((await fetch(`${server.url}/api/workshops/${id}/results.csv`, instructorAuth(learnerToken))).status, 401);
  assert.equal((await fetch(`${server.url}/api/workshops/${id}/broadcast`, { method: 'POST', headers: JSON_HEADERS, body: '{"message":"x"}', ...instructorAuth(learnerToken) })).status, 401);
  const outside = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson: 'not-in-workshop', workshop: { learner: learnerToken } }) });
  assert.equal(outside.status, 403);
  const badName = await fetch(`${server.url}/api/workshops/join`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: workshop.workshop.code, name: 'evil\u202Eeman' }) });
  assert.equal(badName.status, 400);
  assert.match(((await badName.json()) as { error: string }).error, /control characters/);
  assert.equal((await fetch(`${server.url}/api/workshops/join`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: workshop.workshop.code, name: 'Late' }) })).status, 403, 'the workshop is full');

  // Tomorrow's workshop: nothing is pre-warmed yet.
  const small = await createWorkshop(server.url, { capacity: 2, startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString() });
  await joinWorkshop(server.url, small.workshop.code, 'Ada');
  const join = (name: string) => fetch(`${server.url}/api/workshops/join`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: small.workshop.code, name }) });
  assert.equal((await join('ADA')).status, 409, 'names are unique per workshop, ignoring case');
  await joinWorkshop(server.url, small.workshop.code, 'Bob');
  assert.equal((await join('Cy')).status, 403);
  assert.equal(server.app.sessions.poolState().warming + server.app.sessions.poolState().ready, 0, 'a workshop starting tomorrow warms nothing yet');
});

test('a broadcast reaches every learner terminal; the exports list every learner and step, CSV-safe', async () => {
  const id = workshop.workshop.id;
  const response = await fetch(`${server.url}/api/workshops/${id}/broadcast`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ message: 'Ten minutes left!' }), ...instructorAuth(workshop.instructorToken) });
  assert.deepEqual(await response.json(), { delivered: LEARNERS });
  await Promise.all(learners.map(({ terminal }) => terminal.waitFor(() => terminal.events.some((event) => event.type === 'broadcast' && event.message === 'Ten minutes left!'), 'the broadcast')));

  const json = WorkshopResultRowSchema.array().parse(await (await fetch(`${server.url}/api/workshops/${id}/results.json`, instructorAuth(workshop.instructorToken))).json());
  assert.equal(json.length, LEARNERS * 4);
  const first = json.filter((row) => row.learner === 'Learner 01');
  assert.deepEqual(first.map((row) => [row.step, row.completedAt !== null]), [['run-hello', true], ['clean-up', true], ['detached', false], ['stop-and-remove', false]]);
  assert.ok(first.every((row) => (row.completedAt ? row.attempts >= 1 && row.timeSpentS !== null && row.timeSpentS >= 0 : row.timeSpentS === null)));

  const csvResponse = await fetch(`${server.url}/api/workshops/${id}/results.csv`, instructorAuth(workshop.instructorToken));
  assert.match(csvResponse.headers.get('content-type') ?? '', /^text\/csv/);
  const csv = await csvResponse.text();
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], '"learner","lesson","step","completedAt","attempts","timeSpentS"');
  assert.equal(lines.length, 1 + LEARNERS * 4);
  assert.ok(lines.some((line) => line.startsWith(`"'=HYPERLINK(""http://x"",""y"")","first-container","run-hello"`)), 'the formula name is neutralised');
  assert.ok(!lines.some((line) => line.startsWith('"=')), 'no cell starts with a formula');

  // In Chinese: a translated header after a byte-order mark, the same rows; an unknown language is English.
  // Response.text() drops a byte-order mark, so the bytes are decoded keeping it.
  const chineseBytes = await (await fetch(`${server.url}/api/workshops/${id}/results.csv?lang=zh-CN`, instructorAuth(workshop.instructorToken))).arrayBuffer();
  const chinese = new TextDecoder('utf-8', { ignoreBOM: true }).decode(chineseBytes);
  assert.equal(chinese.split('\r\n')[0], '\uFEFF"学员","课程","步骤","完成时间","检查次数","用时（秒）"');
  assert.equal(chinese.trimEnd().split('\r\n').slice(1).join('\n'), lines.slice(1).join('\n'));
  const unknown = await (await fetch(`${server.url}/api/workshops/${id}/results.csv?lang=%3Cscript%3E`, instructorAuth(workshop.instructorToken))).text();
  assert.equal(unknown.split('\r\n')[0], lines[0]);
});

test('a restart (new app, same data folder) keeps workshop, learners and progress; learner tokens still work', async () => {
  const beforeRestart = await workshopState(server.url, workshop.workshop.id, workshop.instructorToken);
  dashboard.close();
  for (const learner of learners) learner?.terminal.close();
  await server.close();
  assert.deepEqual(await sandboxesOf(instance), []);

  // Fewer sandboxes this time: the still-open workshop pre-warms again on start, within this capacity.
  server = await startTestServer({ ...env, SLIPWAY_MAX_SESSIONS: '2' });
  const restarted = await workshopState(server.url, workshop.workshop.id, workshop.instructorToken);
  assertMatches(restarted, false);
  assert.deepEqual(restarted.workshop, beforeRestart.workshop);
  // A check started by the last command may still have been recorded after the snapshot: counts only grow.
  const stable = ({ online: _online, attempts: _attempts, failuresInARow: _failures, ...rest }: DashboardState['learners'][number]) => rest;
  assert.deepEqual(restarted.learners.map(stable), beforeRestart.learners.map(stable));
  beforeRestart.learners.forEach((learner, index) => assert.ok((restarted.learners[index]?.attempts ?? 0) >= learner.attempts, `${learner.name}'s attempts are kept`));

  const learner = learners[5] ?? assert.fail('no learner');
  const session = await createLearnerSession(server.url, learner.joined.learner.token);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(PROMPT, 60_000);
  terminal.close();
  const live = await workshopState(server.url, workshop.workshop.id, workshop.instructorToken);
  assert.equal(live.learners.find((row) => row.id === learner.joined.learner.id)?.online, true);

  const ended = await fetch(`${server.url}/api/workshops/${workshop.workshop.id}/end`, { method: 'POST', ...instructorAuth(workshop.instructorToken) });
  assert.equal(ended.status, 200);
  assert.equal((await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session))).status, 404, "ending the workshop closed the learner's sandbox");
  const refused = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson: 'first-container', workshop: { learner: learner.joined.learner.token } }) });
  assert.equal(refused.status, 410);
  const results = await (await fetch(`${server.url}/api/workshops/${workshop.workshop.id}/results.json`, instructorAuth(workshop.instructorToken))).json();
  assert.equal((results as unknown[]).length, LEARNERS * 4, 'results stay after the end');
});

test('joining is rate-limited per address', async () => {
  let status = 0;
  for (let attempt = 0; attempt < 100 && status !== 429; attempt += 1) {
    status = (await fetch(`${server.url}/api/workshops/join`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code: 'ZZZZZZ', name: 'guess' }) })).status;
    assert.ok(status === 404 || status === 429, `a wrong code answers 404 until the limit (got ${status})`);
  }
  assert.equal(status, 429);
});

test('errors a learner may read carry a code the site translates, the English sentence unchanged', async () => {
  const response = await fetch(`${server.url}/api/workshops/join`, { method: 'POST', body: JSON.stringify({ code: 'ZZZZZZ', name: 'guess' }) });
  const body = (await response.json()) as { error: string; code?: string; params?: Record<string, string> };
  assert.ok(body.code === 'joinRateLimit' || body.code === 'noWorkshopCode', `a known code (got ${body.code})`);
  if (body.code === 'noWorkshopCode') assert.deepEqual(body.params, { code: 'ZZZZZZ' });
  assert.match(body.error, /^(Too many join attempts|No workshop has the code ZZZZZZ)/);
});
