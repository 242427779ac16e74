// `npm start`, `npm test` and `npm run images` share this: the sandbox image, built on the host engine only
// when missing or stale, and copied to the sandbox engine when that is another one.
import { connectEngines } from '../../sandbox-server/engine/docker.ts';
import { copyToSandboxEngine } from '../../tooling/image-builder/copy-image.ts';
import { ensureSandboxImage } from '../../tooling/image-builder/ensure-sandbox-image.ts';
import { phase, say } from '../lib/say.mjs';

export function sandboxImage(options: { force?: boolean } = {}): Promise<string> {
  return phase('sandbox image', async () => {
    const engines = connectEngines();
    const image = await ensureSandboxImage(engines.host, (line) => say(line), options);
    await copyToSandboxEngine(engines, image, (line) => say(line));
    return image;
  });
}
