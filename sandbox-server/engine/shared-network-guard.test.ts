import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { ignoreGonePort } from './shared-network-guard.ts';

// A bridge port that vanished between listing and isolating it (another sandbox ended): the kernel's own answer
// for a path that no longer exists is ignored; any other failure still fails the start.
test('a port gone from the bridge is skipped; other failures are not', async () => {
  await writeFile('/sys/class/net/no-such-bridge/brif/veth-gone/isolated', '1').catch(ignoreGonePort);
  assert.throws(() => ignoreGonePort(Object.assign(new Error('EACCES'), { code: 'EACCES' })), /EACCES/);
  assert.throws(() => ignoreGonePort(Object.assign(new Error('EINVAL'), { code: 'EINVAL' })), /EINVAL/);
});
