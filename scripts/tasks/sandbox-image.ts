// `npm start`, `npm test` and `npm run images` share this: the sandbox image, built only when missing or stale.
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { ensureSandboxImage } from '../../sandbox-server/image-builder/ensure-sandbox-image.ts';
import { phase, say } from '../lib/say.mjs';

export function sandboxImage(options: { force?: boolean } = {}): Promise<string> {
  return phase('sandbox image', () => ensureSandboxImage(connectDocker(), (line) => say(line), options));
}
