// Steps tick from the prompt hook as commands complete, progress survives a new terminal, and an idle
// session ends by itself with its sandbox removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, terminalUrl } from '../support/api-client.ts';
import { assertNoSandboxesLeft } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer } from '../support/test-server.ts';
import { ExtendResponseSchema, SessionStatusSchema } from '../../shared/contracts/api-schemas.ts';

const server = serverForThisFile('checks');


test('steps tick automatically in order, and progress is replayed to a new terminal', async () => {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);

  // Out of order first: the detached container exists, but the current step is still run-hello.
  terminal.type("docker run -d --name ticker busybox sh -c 'while true; do sleep 1; done'\r");
  await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'check').length >= 2, 'checks after two prompts');
  assert.equal(terminal.passed('detached'), false, 'a later step never completes before the current one');

  terminal.type('docker run busybox echo "Hello from my first container"\r');
  await terminal.waitFor(() => terminal.passed('run-hello'), 'run-hello to pass');
  terminal.type('docker container prune -f\r');
  // clean-up passes, and detached right after it in the same run: ticker is still running.
  await terminal.waitFor(() => terminal.passed('clean-up') && terminal.passed('detached'), 'clean-up and detached');
  assert.equal(terminal.passed('stop-and-remove'), false);
  terminal.close();

  const again = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await again.waitFor(() => again.events.some((event) => event.type === 'progress'), 'the progress event');
  assert.deepEqual(again.events.find((event) => event.type === 'progress'), { type: 'progress', completed: ['run-hello', 'clean-up', 'detached'] });
  again.close();
});

test('an idle session ends: its terminal is closed with 4410 and its sandbox removed', async () => {
  // A server of its own: a 3 s idle timeout must not end the other tests' sessions on a slow machine.
  const idle = await startTestServer({ SLIPWAY_INSTANCE: `${server.instance}-idle`, SLIPWAY_IDLE_TIMEOUT_S: '3', SLIPWAY_SWEEP_INTERVAL_S: '0.5' });
  try {
    const session = await createSession(idle.url);
    const terminal = await TerminalClient.open(terminalUrl(idle.wsUrl, session));
    await terminal.waitForClose(15_000);
    assert.equal(terminal.closeCode, 4410);
    assert.match(terminal.closeReason ?? '', /idle/);
    const status = await fetch(`${idle.url}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${session.token}` } });
    assert.equal(status.status, 404);
  } finally {
    await idle.close();
  }
  await assertNoSandboxesLeft(`${server.instance}-idle`);
});

test('a session ends at its time limit; extending moves the limit, never beyond the max lifetime from now', async () => {
  const lifetime = await startTestServer({ SLIPWAY_INSTANCE: `${server.instance}-lifetime`, SLIPWAY_MAX_LIFETIME_S: '4', SLIPWAY_EXTEND_S: '2', SLIPWAY_SWEEP_INTERVAL_S: '0.5' });
  try {
    const session = await createSession(lifetime.url);
    const auth = { headers: { authorization: `Bearer ${session.token}` } };
    const status = SessionStatusSchema.parse(await (await fetch(`${lifetime.url}/api/sessions/${session.id}`, auth)).json());
    const extended = ExtendResponseSchema.parse(await (await fetch(`${lifetime.url}/api/sessions/${session.id}/extend`, { ...auth, method: 'POST' })).json());
    const moved = Date.parse(extended.endsAt) - Date.parse(status.endsAt);
    assert.ok(moved > 0 && moved <= 2000, `extend moved the end by ${moved} ms`);
    assert.ok(Date.parse(extended.endsAt) <= Date.now() + 4000, 'never more than the max lifetime ahead');

    const terminal = await TerminalClient.open(terminalUrl(lifetime.wsUrl, session));
    await terminal.waitForClose(15_000);
    assert.equal(terminal.closeCode, 4410);
    assert.match(terminal.closeReason ?? '', /time limit/);
  } finally {
    await lifetime.close();
  }
  await assertNoSandboxesLeft(`${server.instance}-lifetime`);
});
