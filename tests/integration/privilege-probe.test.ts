// The start-up probe for --privileged leaves nothing behind: no container, no volume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { canRunPrivileged } from '../../sandbox-server/engine/privilege-probe.ts';

const docker = connectDocker();
const dangling = async () => ((await docker.listVolumes({ filters: { dangling: ['true'] } })).Volumes ?? []).map((volume) => volume.Name);
const probes = async () => (await docker.listContainers({ all: true, filters: { label: ['slipway.role=probe'] } })).length;

test('probing for --privileged leaves no container and no volume behind', async () => {
  const before = new Set(await dangling());
  const config = loadConfig({ ...process.env, SLIPWAY_PRIVILEGED: 'auto' });
  const answers = await Promise.all([1, 2, 3].map(() => canRunPrivileged(docker, config)));
  assert.equal(new Set(answers).size, 1, 'the probe answers the same every time');
  assert.deepEqual((await dangling()).filter((name) => !before.has(name)), []);
  assert.equal(await probes(), 0);
});
