// A learner attacks the execs the server runs in their sandbox: floods the port watcher's and the check
// batch's output with bytes that never end a line, and replaces a tool the server relies on with one that
// never returns. The server must stay up, small and answering; the learner only breaks their own checks.
import { test } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import assert from 'node:assert/strict';
import { authorized, createSession, deleteSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';

const server = serverForThisFile('hostile-output', { SLIPWAY_CHECK_TIMEOUT_S: '2' });
const MIB = 2 ** 20;

async function healthMs(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/health`);
  assert.equal(response.status, 200);
  return performance.now() - started;
}

/**
 * Watches the server (in this process) for `ms` while an attack runs: its memory growth, the longest its event
 * loop stalled, and the slowest /api/health (which also waits for the engine, busy with the flood on 2 cores).
 */
async function observe(ms: number): Promise<{ rssGrowthMib: number; worstStallMs: number; worstHealthMs: number }> {
  const baseline = process.memoryUsage().rss;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let peak = baseline;
  let worst = 0;
  for (const until = Date.now() + ms; Date.now() < until; ) {
    worst = Math.max(worst, await healthMs());
    peak = Math.max(peak, process.memoryUsage().rss);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  delay.disable();
  return { rssGrowthMib: (peak - baseline) / MIB, worstStallMs: delay.max / 1e6, worstHealthMs: worst };
}

function assertCalm(what: string, seen: { rssGrowthMib: number; worstStallMs: number; worstHealthMs: number }): void {
  console.log(`${what}: server RSS grew ${seen.rssGrowthMib.toFixed(1)} MiB, event loop stalled at most ${seen.worstStallMs.toFixed(1)} ms, slowest /api/health ${seen.worstHealthMs.toFixed(1)} ms`);
  assert.ok(seen.rssGrowthMib < 100, `the server's memory grew ${seen.rssGrowthMib.toFixed(1)} MiB`);
  assert.ok(seen.worstStallMs < 2000, `the event loop stalled ${seen.worstStallMs.toFixed(1)} ms`);
}

async function openShell(session: SessionInfo): Promise<TerminalClient> {
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  return terminal;
}

test("zeros written into the port watcher's output: the watcher is killed, the server stays small", async () => {
  const session = await createSession(server.url);
  const terminal = await openShell(session);
  terminal.type('(cat /dev/zero > /proc/$(cat /run/slipway/port-watcher.pid)/fd/1 2>/dev/null; echo flood-ended-$?) &\r');
  assertCalm('port watcher flood', await observe(8000));
  // With the watcher gone, nobody reads that pipe any more: the writer fails.
  await terminal.waitForOutput(/flood-ended-\d+/, 30_000);
  terminal.type('echo still-$((6*7))\r');
  await terminal.waitForOutput(/still-42/);
  terminal.close();
  await deleteSession(server.url, session);
});

test("a replaced docker floods the check batch's output: the batch is killed, the step just fails", async () => {
  const session = await createSession(server.url);
  const terminal = await openShell(session);
  // Every check runs `docker`: this one writes zeros into the batch's own stdout instead.
  terminal.type(`printf '#!/bin/sh\\ncat /dev/zero > /proc/$(pgrep -o -f SLIPWAY_BOUNDARY)/fd/1\\n' > /usr/local/bin/docker && chmod +x /usr/local/bin/docker && echo replaced-docker\r`);
  await terminal.waitForOutput(/replaced-docker/);
  assertCalm('check batch flood', await observe(6000));
  const checked = await fetch(`${server.url}/api/sessions/${session.id}/steps/run-hello/check`, authorized(session, { method: 'POST' }));
  assert.equal(checked.status, 200);
  assert.equal(((await checked.json()) as { ok: boolean }).ok, false);
  terminal.close();
  await deleteSession(server.url, session);
});

test('a replaced `timeout` that never returns: the check is killed after its deadline and the next one runs', async () => {
  const session = await createSession(server.url);
  const terminal = await openShell(session);
  terminal.type(`printf '#!/bin/sh\\nexec sleep 100000\\n' > /usr/local/bin/timeout && chmod +x /usr/local/bin/timeout && echo replaced-timeout\r`);
  await terminal.waitForOutput(/replaced-timeout/);
  const started = performance.now();
  const checked = await fetch(`${server.url}/api/sessions/${session.id}/steps/run-hello/check`, authorized(session, { method: 'POST', signal: AbortSignal.timeout(60_000) }));
  assert.equal(checked.status, 200);
  assert.deepEqual(await checked.json(), { ok: false, output: 'The check did not report a result.' });
  console.log(`hung check answered after ${Math.round(performance.now() - started)} ms`);
  terminal.type('rm /usr/local/bin/timeout && echo restored-timeout\r');
  await terminal.waitForOutput(/restored-timeout/);
  const again = await fetch(`${server.url}/api/sessions/${session.id}/steps/run-hello/check`, authorized(session, { method: 'POST', signal: AbortSignal.timeout(30_000) }));
  assert.deepEqual(await again.json(), { ok: false, output: 'No busybox container has printed the greeting yet.' }, 'checks work again');
  terminal.close();
  await deleteSession(server.url, session);
});
