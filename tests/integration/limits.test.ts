// A sandbox's limits hold: a fork bomb stops at its pids limit, a memory hog is OOM-killed inside it, and a
// neighbouring session keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorized, createSession, terminalUrl } from '../support/api-client.ts';
import { readUntil } from '../support/read-until.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';

const server = serverForThisFile('limits', { SLIPWAY_SANDBOX_PIDS: '300', SLIPWAY_SANDBOX_MEMORY: '512m', SLIPWAY_SANDBOX_CPUS: '0.5' });


test('a fork bomb and a memory hog stay inside their sandbox; the neighbour still echoes', async () => {
  const [noisy, neighbour] = await Promise.all([createSession(server.url), createSession(server.url)]);
  const host = await connectDocker().getContainer(`slipway-${noisy.id}`).inspect();
  assert.equal(host.HostConfig.PidsLimit, 300);
  assert.equal(host.HostConfig.Memory, 512 * 2 ** 20);
  assert.equal(host.HostConfig.NanoCpus, 0.5e9);

  const bomb = await TerminalClient.open(terminalUrl(server.wsUrl, noisy));
  await bomb.waitForOutput(/[#$] $/m);
  // The hog first: `tail` must hold a 1 GiB line in memory, more than the sandbox has.
  bomb.type('head -c 1G /dev/zero | tail > /dev/null; echo "hog-exit=$?"\r');
  await bomb.waitForOutput(/hog-exit=(\d+)/, 60_000);
  assert.match(bomb.text, /hog-exit=(137|141)/, 'the hog was killed (SIGKILL from the OOM killer)');
  bomb.type('(bomb() { bomb | bomb & }; bomb) 2>/dev/null &\r');
  // The bomb really runs into the limit: the sandbox's process count reaches it. Forks that fail exit and
  // others take their place, so one sample can catch the count below it (CI did once, under load): "still at
  // its limit" is a count that comes back to it, not a single sample.
  const noisySandbox = connectDocker().getContainer(`slipway-${noisy.id}`);
  const pidsNow = async () => ((await noisySandbox.stats({ stream: false })) as { pids_stats?: { current?: number } }).pids_stats?.current ?? 0;
  const pidsWhileRunning = async () => {
    const { State } = await noisySandbox.inspect();
    assert.ok(State.Running, `the bombed sandbox still runs (state ${JSON.stringify(State)})`);
    return pidsNow();
  };
  const untilAtLimit = async (what: string) => {
    const pids = await readUntil(pidsWhileRunning, (count) => count >= 270, 30_000, 500);
    assert.ok(pids >= 270, `${what} (now ${pids} of 300)`);
  };
  await untilAtLimit('the fork bomb reached the pids limit');

  const calm = await TerminalClient.open(terminalUrl(server.wsUrl, neighbour));
  await calm.waitForOutput(/[#$] $/m);
  for (let round = 1; round <= 3; round += 1) {
    calm.type(`echo "alive-$((${round}*10))"\r`);
    await calm.waitForOutput(new RegExp(`^alive-${round * 10}\\r?$`, 'm'));
  }
  calm.type('docker run --rm busybox echo "inner-ok"\r');
  await calm.waitForOutput(/^inner-ok\r?$/m, 30_000);
  await untilAtLimit('the bomb was still running at its limit after the neighbour worked');

  const ended = await fetch(`${server.url}/api/sessions/${noisy.id}`, authorized(noisy, { method: 'DELETE' }));
  assert.equal(ended.status, 204, 'a sandbox full of forks is still removed');
  bomb.close();
  calm.close();
});
