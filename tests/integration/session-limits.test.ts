// What one session may take from the shared machine: terminals per node, screen size, checks, unread input,
// nodes per learner and lifetime. Each limit is pushed past by a hostile client and must hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtendResponseSchema } from '../../shared/contracts/api-schemas.ts';
import { CloseCode, SHELL_LIMITS } from '../../shared/contracts/protocol.ts';
import { authorized, createSession, deleteSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { MAX_COLS, MAX_ROWS } from '../../sandbox-server/terminal/shell-session.ts';
import { TOO_MANY_CHECKS } from '../../sandbox-server/sessions/session.ts';

const TOTAL_S = 5400;
const server = serverForThisFile('session-limits', {
  SLIPWAY_NODES_PER_CLIENT: '2',
  SLIPWAY_MAX_LIFETIME_S: '3600',
  SLIPWAY_EXTEND_S: '3600',
  SLIPWAY_MAX_TOTAL_LIFETIME_S: String(TOTAL_S),
});

async function prompt(url: string): Promise<TerminalClient> {
  const terminal = await TerminalClient.open(url);
  await terminal.waitFor(() => /[#$] $/m.test(terminal.text) || terminal.closeCode !== undefined, 'a prompt');
  assert.equal(terminal.closeCode, undefined, `the terminal closed: ${terminal.closeCode} ${terminal.closeReason}`);
  return terminal;
}

test('terminals: at most a few live shells per node; shells left by reloads make room', async () => {
  const session = await createSession(server.url);
  const open: TerminalClient[] = [];
  for (let index = 0; index < SHELL_LIMITS.perNode; index += 1) open.push(await prompt(terminalUrl(server.wsUrl, session)));
  const extra = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await extra.waitForClose();
  assert.equal(extra.closeCode, CloseCode.tooManyShells);
  assert.match(extra.closeReason ?? '', /Too many terminals/);
  // A reload: the old socket goes (its shell waits for it), a new one comes and gets a shell.
  open[0]?.close();
  await open[0]?.waitForClose();
  const reloaded = await prompt(terminalUrl(server.wsUrl, session));
  reloaded.type('echo after-reload-$((1+1))\r');
  await reloaded.waitForOutput(/after-reload-2/);
  // A terminal the learner closed ends its shell at once: asking for it again gets a fresh one.
  const closed = open[1]?.shell();
  open[1]?.close(CloseCode.shellClosed);
  await open[1]?.waitForClose();
  const again = await prompt(`${terminalUrl(server.wsUrl, session)}&shell=${closed?.id}`);
  assert.equal(again.shell()?.restored, false, 'a closed terminal\'s shell is not kept for a reload');
  assert.notEqual(again.shell()?.id, closed?.id);
  for (const terminal of [...open, reloaded, again]) terminal.close();
  await deleteSession(server.url, session);
});

test('a screen beyond any real one is clamped; an absurd one is refused', async () => {
  const session = await createSession(server.url);
  const terminal = await prompt(terminalUrl(server.wsUrl, session));
  terminal.control({ type: 'resize', cols: 1000, rows: 500 });
  terminal.sendRaw(JSON.stringify({ type: 'resize', cols: 100000, rows: 100000 }));
  terminal.sendRaw(JSON.stringify({ type: 'resize', cols: 0, rows: 0 }));
  await terminal.waitFor(() => terminal.events.filter((event) => event.type === 'error').length === 2, 'two refused resizes');
  terminal.type('echo "size=$(stty size)"\r');
  await terminal.waitForOutput(new RegExp(`size=${MAX_ROWS} ${MAX_COLS}`));
  terminal.close();
  await deleteSession(server.url, session);
});

test('a flood of malformed frames gets a few answers, not one each, and the terminal keeps working', async () => {
  const session = await createSession(server.url);
  const terminal = await prompt(terminalUrl(server.wsUrl, session));
  const before = terminal.events.length;
  for (let index = 0; index < 300; index += 1) terminal.sendRaw(`{"type":"resize","cols":${index}`);
  terminal.type('echo after-flood-$((40+2))\r');
  await terminal.waitForOutput(/after-flood-42/);
  const answered = terminal.events.slice(before).filter((event) => event.type === 'error').length;
  assert.ok(answered >= 1 && answered <= 40, `${answered} of 300 malformed frames answered`);
  assert.equal(terminal.closeCode, undefined, 'the socket stayed open');
  terminal.close();
  await deleteSession(server.url, session);
});

test('a flood of check frames is a few checks, one at a time, and the rest are refused', async () => {
  const session = await createSession(server.url);
  const terminal = await prompt(terminalUrl(server.wsUrl, session));
  const before = terminal.events.length;
  for (let index = 0; index < 200; index += 1) terminal.control({ type: 'check', step: 'run-hello' });
  const answered = () => terminal.events.slice(before).filter((event) => event.type === 'error' || event.type === 'check').length;
  await terminal.waitFor(() => answered() >= 200, 'an answer to every frame', 90_000);
  const refused = terminal.events.slice(before).filter((event) => event.type === 'error' && event.message === TOO_MANY_CHECKS).length;
  const ran = terminal.events.slice(before).filter((event) => event.type === 'check').length;
  console.log(`200 check frames: ${ran} checks ran, ${refused} refused`);
  assert.ok(ran <= 40, `${ran} checks ran`);
  terminal.close();
  await deleteSession(server.url, session);
});

test('input the shell does not read waits in the client, not in the server', async () => {
  const session = await createSession(server.url);
  const terminal = await prompt(terminalUrl(server.wsUrl, session));
  terminal.type('sleep 1000\r'); // the shell reads nothing until it returns
  const chunk = Buffer.alloc(64 * 1024, 'x'.charCodeAt(0));
  const total = 32 * 1024 * 1024;
  for (let sent = 0; sent < total; sent += chunk.length) terminal.sendRaw(chunk, true);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  console.log(`unread input: ${(terminal.bufferedAmount / 2 ** 20).toFixed(1)} MiB of 32 still with the client`);
  assert.ok(terminal.bufferedAmount > 8 * 1024 * 1024, `${terminal.bufferedAmount} bytes still with the client`);
  terminal.close();
  await deleteSession(server.url, session);
});

test('nodes per learner across sessions, and a lifetime no extension goes beyond', async () => {
  const session = await createSession(server.url);
  const added = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal(added.status, 201);
  const refused = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal(refused.status, 429);
  assert.match(((await refused.json()) as { error: string }).error, /nodes one learner may have/);
  const another = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lesson":"first-container"}' });
  assert.equal(another.status, 429, 'a new session would be a third node');

  const created = Date.now();
  let endsAt = 0;
  for (let extension = 0; extension < 5; extension += 1) {
    const response = await fetch(`${server.url}/api/sessions/${session.id}/extend`, authorized(session, { method: 'POST' }));
    endsAt = Date.parse(ExtendResponseSchema.parse(await response.json()).endsAt);
  }
  assert.ok(endsAt <= created + TOTAL_S * 1000, `extended to ${new Date(endsAt).toISOString()}, beyond ${TOTAL_S} s from the start`);
  await deleteSession(server.url, session);
});
