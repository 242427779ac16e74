// `npm start`, `npm test` and `npm run images` share this: the image kit (only what is missing or stale),
// then the registry mirror seeded with it (reused when already current).
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectEngines } from '../../sandbox-server/engine/docker.ts';
import { ensureKit } from '../../sandbox-server/image-builder/kit.ts';
import { ensureMirror } from '../../sandbox-server/mirror/ensure-mirror.ts';
import { phase, say } from '../lib/say.mjs';

export async function imageKit(options: { force?: boolean } = {}): Promise<void> {
  const config = loadConfig();
  const engines = connectEngines(config);
  const kit = await phase('image kit', () => ensureKit(engines.host, (line) => say(line), options));
  // A deployment pointing sessions at its own registry needs no mirror of ours.
  if (config.SLIPWAY_REGISTRY_MIRROR !== 'auto') return;
  await phase('registry mirror', () => ensureMirror(engines, kit, config.SLIPWAY_NETWORK, (line) => say(line), options));
}
