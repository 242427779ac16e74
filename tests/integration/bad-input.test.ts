// Bad input gets a clear 4xx or close code with a reason, and the server keeps serving.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { authorized, createSession, JSON_HEADERS, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';

const server = serverForThisFile('bad-input');
let session: SessionInfo;

before(async () => {
  await server.ready;
  session = await createSession(server.url);
});

async function expectError(path: string, init: RequestInit, status: number, pattern: RegExp): Promise<void> {
  const response = await fetch(`${server.url}${path}`, init);
  assert.equal(response.status, status, `${init.method ?? 'GET'} ${path}`);
  const body = (await response.json()) as { error?: string };
  assert.match(body.error ?? '', pattern);
}

test('HTTP: malformed and unauthorised requests get 4xx with a sentence', async () => {
  await expectError('/api/sessions', { method: 'POST', headers: JSON_HEADERS, body: '{"lesson":' }, 400, /not JSON/);
  await expectError('/api/sessions', { method: 'POST', headers: JSON_HEADERS, body: '{"lesson":"../etc"}' }, 400, /slug/);
  await expectError('/api/sessions', { method: 'POST', headers: JSON_HEADERS, body: '{"lesson":"first-container","extra":1}' }, 400, /extra/);
  await expectError('/api/sessions', { method: 'POST', headers: JSON_HEADERS, body: '{"lesson":"no-such-lesson"}' }, 404, /No lesson/);
  await expectError('/api/sessions', { method: 'POST', headers: JSON_HEADERS, body: 'x'.repeat(70_000) }, 413, /over/);
  await expectError(`/api/sessions/${session.id}`, {}, 401, /token/);
  await expectError(`/api/sessions/${session.id}`, { headers: { authorization: 'Bearer wrong' } }, 401, /token/);
  await expectError('/api/sessions/nope', authorized(session), 404, /No such session/);
  await expectError(`/api/sessions/${session.id}/steps/no-such-step/check`, authorized(session, { method: 'POST' }), 404, /no step/);
  await expectError('/api/sessions', { method: 'PUT' }, 405, /not allowed/);
  await expectError('/api/nothing-here', {}, 404, /docs\/api\.md/);
  await expectError('/%E0%A4%A', {}, 400, /Malformed/);
  await expectError('/../../etc/passwd', {}, 404, /Not found/);
});

test('the check endpoint runs the step check in the sandbox', async () => {
  const before = await fetch(`${server.url}/api/sessions/${session.id}/steps/run-hello/check`, authorized(session, { method: 'POST' }));
  assert.deepEqual(await before.json(), { ok: false, output: 'No busybox container has printed the greeting yet.' });
});

test('websocket: wrong token and unknown session are closed with a code and reason', async () => {
  const wrong = await TerminalClient.open(terminalUrl(server.wsUrl, session, 'wrong-token'));
  await wrong.waitForClose();
  assert.equal(wrong.closeCode, 4401);
  assert.match(wrong.closeReason ?? '', /token/);

  const unknown = await TerminalClient.open(`${server.wsUrl}/api/sessions/nope/terminal?token=x`);
  await unknown.waitForClose();
  assert.equal(unknown.closeCode, 4404);
});

test('websocket: a malformed frame is answered with an error event and the terminal keeps working', async () => {
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.sendRaw('{not json');
  terminal.sendRaw(JSON.stringify({ type: 'resize', cols: -1, rows: 5 }));
  terminal.sendRaw(JSON.stringify({ type: 'check', step: 'no-such-step' }));
  await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'error').length === 3, 'three error events');
  terminal.type('echo still-$((40+2))\r');
  await terminal.waitForOutput(/still-42/);
  assert.equal(terminal.closeCode, undefined, 'the socket stayed open');
  terminal.close();
  const health = await fetch(`${server.url}/api/health`);
  assert.equal(health.status, 200, 'the server still serves');
});
