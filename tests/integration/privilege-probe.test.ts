// The start-up probe for --privileged leaves nothing behind: no container, no volume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { canRunPrivileged } from '../../sandbox-server/engine/privilege-probe.ts';

const docker = connectDocker();
const dangling = async () => ((await docker.listVolumes({ filters: { dangling: ['true'] } })).Volumes ?? []).map((volume) => volume.Name);
// This process's probes only: other servers on the shared engine probe at any moment.
const probes = async () => (await docker.listContainers({ all: true, filters: { label: ['slipway.role=probe', `slipway.pid=${process.pid}`] } })).length;

test('probing for --privileged leaves no container and no volume behind', async () => {
  const before = new Set(await dangling());
  const config = loadConfig({ ...process.env, SLIPWAY_PRIVILEGED: 'auto' });
  const answers = await Promise.all([1, 2, 3].map(() => canRunPrivileged(docker, config)));
  assert.equal(new Set(answers).size, 1, 'the probe answers the same every time');
  // Other test files start servers (and probes) meanwhile, whose containers and volumes exist for moments;
  // a leak stays. So wait for the engine to settle rather than look once.
  let leftovers: { volumes: string[]; probes: number } = { volumes: [], probes: 0 };
  for (let tries = 0; tries < 60; tries += 1) {
    leftovers = { volumes: (await dangling()).filter((name) => !before.has(name)), probes: await probes() };
    if (leftovers.volumes.length === 0 && leftovers.probes === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.deepEqual(leftovers, { volumes: [], probes: 0 });
});
