import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withDeadline } from './deadline.ts';

test('a measurement past its deadline is a "did not finish" with the reason, and its signal aborts', async () => {
  const said: string[] = [];
  let aborted: AbortSignal | undefined;
  const result = await withDeadline('throughput', 0.05, (line) => said.push(line), (signal) => {
    aborted = signal;
    return new Promise<number>(() => undefined); // hangs, as the throughput step once did
  });
  assert.deepEqual(result, { didNotFinish: 'no result after 0.05 s' });
  assert.equal(aborted?.aborted, true, 'loops that take the signal stop');
  assert.deepEqual(said, ['throughput did not finish: no result after 0.05 s']);
});

test('a failing measurement is a "did not finish" with its error; a finished one is its value', async () => {
  const quiet = () => undefined;
  assert.deepEqual(await withDeadline('pulls', 60, quiet, async () => Promise.reject(new Error('docker pull failed\nmore'))), { didNotFinish: 'docker pull failed' });
  assert.equal(await withDeadline('memory', 60, quiet, async () => 37), 37);
});
