// The image kit on the real engine: every image exists under all its names, and a second run of the kit
// and of the mirror seeding (as npm start / npm test do) builds, pushes and replaces nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIT } from '../../image-kit/manifest.ts';
import { connectEngines } from '../../sandbox-server/engine/docker.ts';
import { INSTANCE_LABEL } from '../../sandbox-server/engine/sandbox-container.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { ensureKit } from '../../tooling/image-builder/kit.ts';
import { ensureMirror } from '../../tooling/mirror/ensure-mirror.ts';
import { MIRROR_CONTAINER } from '../../sandbox-server/mirror/mirror-names.ts';

// Kit images live on the host engine; the mirror where the sandboxes run (the same engine when trusted).
const engines = connectEngines();
const docker = engines.host;

test('every kit image exists under each of its names', async () => {
  for (const image of KIT) {
    const ids = await Promise.all(image.tags.map((tag) => docker.getImage(tag).inspect().then((info) => info.Id, () => `missing ${tag}`)));
    assert.equal(new Set(ids).size, 1, `${image.tags.join(', ')}: ${ids.join(', ')}`);
    assert.match(ids[0] ?? '', /^sha256:/, `${image.tags[0]} exists (npm run images builds it)`);
  }
});

test('a second kit run is a cache hit: nothing is built, pushed or replaced', async () => {
  const network = loadConfig().SLIPWAY_NETWORK;
  // A first run here too: another checkout with another kit version may share this engine and retag.
  await ensureMirror(engines, await ensureKit(docker, () => undefined), network, () => undefined);
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);
  const before = await engines.sandboxes.getContainer(MIRROR_CONTAINER).inspect();
  const kit = await ensureKit(docker, say);
  await ensureMirror(engines, kit, network, say);
  const built = lines.filter((line) => /: building |: pulling |seeding|mirrored /.test(line));
  assert.deepEqual(built, [], lines.join('\n'));
  assert.equal(lines.filter((line) => line.endsWith(')') && line.includes('up to date')).length, KIT.length + 1, lines.join('\n'));
  const after = await engines.sandboxes.getContainer(MIRROR_CONTAINER).inspect();
  assert.equal(after.Id, before.Id, 'the mirror container is reused');
  assert.equal(after.State.Running, true);
  for (const { image, id } of kit.images) assert.equal(id, (await docker.getImage(image.tags[0] ?? '').inspect()).Id);
});

test('the mirror outlives servers: restarted with the engine, and not a sandbox any reaper would take', async () => {
  const info = await engines.sandboxes.getContainer(MIRROR_CONTAINER).inspect();
  assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
  assert.equal(info.Config.Labels?.[INSTANCE_LABEL], undefined);
});
