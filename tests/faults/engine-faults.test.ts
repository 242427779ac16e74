// The engine failing under running sessions, on the real engine. A sandbox killed from outside (`docker kill`)
// ends its session with a sentence, its records go, and the learner can start a fresh one. The engine going
// away (simulated with a proxy in front of the engine socket that the test cuts: restarting the engine other
// tests share is not an option) suspends sessions and tells reconnecting learners why; once it answers again
// the session whose sandbox survived carries on with its files and a fresh shell, the one whose sandbox did not
// ends cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { authorized, createSession, sessionStatus, terminalUrl } from '../support/api-client.ts';
import { startEngineProxy } from '../support/engine-proxy.ts';
import { assertNoSandboxesLeft, sandboxesOf, uniqueInstance } from '../support/leftovers.ts';
import { readUntil } from '../support/read-until.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';
import { DID_NOT_SURVIVE, ENGINE_BACK, ENGINE_LOST, SANDBOX_DIED } from '../../sandbox-server/sessions/engine-faults.ts';
import { CloseCode } from '../../shared/contracts/protocol.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';

const docker = connectDocker();
const server = serverForThisFile('fault-kill');
const noticed = (terminal: TerminalClient, message: string) => terminal.waitFor(() => terminal.events.some((event) => event.type === 'notice' && event.message === message), `the notice "${message}"`, 30_000);

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  assert.ok(await readUntil(async () => condition(), Boolean, 30_000, 200), `never happened: ${what}`);
}

async function openPrompt(wsUrl: string, session: SessionInfo): Promise<TerminalClient> {
  const terminal = await TerminalClient.open(terminalUrl(wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  return terminal;
}

test('a sandbox killed from outside: its learner is told, its records are cleaned, a fresh session starts', async () => {
  const session = await createSession(server.url);
  const terminal = await openPrompt(server.wsUrl, session);
  await docker.getContainer(`slipway-${session.id}`).kill();
  // The shell's stream ends with the sandbox, or the session's end closes the socket: either way the page
  // reconnects, as the browser does, and hears why its session ended.
  await terminal.waitForClose(30_000);
  await until(() => server.app.sessions.get(session.id) === undefined, 'the session ended');
  const reconnected = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await noticed(reconnected, SANDBOX_DIED);
  await reconnected.waitForClose();
  assert.equal(reconnected.closeCode, CloseCode.sessionEnded, 'the page shows the session as ended, with its New sandbox action');
  const stranger = await TerminalClient.open(terminalUrl(server.wsUrl, session, 'not-the-token'));
  await stranger.waitForClose();
  assert.equal(stranger.closeCode, CloseCode.unknownSession, 'only its own token hears why it ended');
  const gone = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session));
  assert.equal(gone.status, 404);
  await until(async () => (await sandboxesOf(server.instance)).length === 0, 'the dead sandbox removed');
  // The end writes the records beside removing the sandbox; on a loaded CI machine the file once still
  // named the session after its sandbox was gone: read until the write landed (bounded).
  const recordsFile = path.join(server.app.config.SLIPWAY_DATA_DIR, `sessions-${server.instance}.json`);
  const records = await readUntil(() => readFile(recordsFile, 'utf8'), (text) => !text.includes(session.id), 30_000);
  assert.ok(!records.includes(session.id), 'its record is gone');

  const fresh = await createSession(server.url);
  const again = await openPrompt(server.wsUrl, fresh);
  again.type('echo "fresh-$((6 * 7))"\r');
  await again.waitForOutput(/^fresh-42\r?$/m);
  again.close();
});

test('the engine going away: learners are told, the surviving sandbox carries on, the other ends cleanly', async (t) => {
  const proxy = await startEngineProxy(docker);
  const instance = uniqueInstance('fault-engine');
  const outage = await startTestServer({ SLIPWAY_INSTANCE: instance }, proxy.docker);
  t.after(async () => {
    proxy.restore();
    await outage.close();
    await proxy.close();
    await assertNoSandboxesLeft(instance);
  });
  const [survivor, casualty] = await Promise.all([createSession(outage.url), createSession(outage.url)]);
  const before = await openPrompt(outage.wsUrl, survivor);
  before.type('echo kept > /root/marker && echo "marked-$((1 + 1))"\r');
  await before.waitForOutput(/^marked-2\r?$/m);

  proxy.cut();
  await until(() => outage.app.sessions.get(survivor.id)?.outageNotice !== undefined, 'the server noticing the engine is gone');
  // The page reconnects (its shell's stream went with the engine connection): it is told why it waits.
  const waiting = await TerminalClient.open(terminalUrl(outage.wsUrl, survivor));
  const waitingCasualty = await TerminalClient.open(terminalUrl(outage.wsUrl, casualty));
  await noticed(waiting, ENGINE_LOST);
  await noticed(waitingCasualty, ENGINE_LOST);
  assert.equal(waiting.shell(), undefined, 'no shell while the engine is away');
  // While it is away, the casualty's sandbox dies (an engine restart without live-restore kills them all).
  await docker.getContainer(`slipway-${casualty.id}`).kill();
  proxy.restore();

  await noticed(waiting, ENGINE_BACK);
  await waiting.waitForOutput(/[#$] $/m);
  waiting.type('cat /root/marker\r');
  await waiting.waitForOutput(/^kept\r?$/m);
  assert.equal((await sessionStatus(outage.url, survivor)).state, 'ready');
  const shells = await runCommand(docker.getContainer(`slipway-${survivor.id}`), ['pgrep', '-c', '-f', '^bash --login']);
  assert.equal(shells.output.trim(), '1', "only the new shell: the ones whose streams were lost were ended");

  await noticed(waitingCasualty, DID_NOT_SURVIVE);
  await waitingCasualty.waitForClose(30_000);
  assert.equal(waitingCasualty.closeCode, CloseCode.sessionEnded);
  assert.equal((await fetch(`${outage.url}/api/sessions/${casualty.id}`, authorized(casualty))).status, 404);
  await until(async () => (await sandboxesOf(instance)).length === 1, "the casualty's sandbox removed");
  for (const terminal of [before, waiting, waitingCasualty]) terminal.close();
});
