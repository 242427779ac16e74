// npm start: sandbox image, image kit with its registry mirror, and site (each only if missing or stale),
// then the server on one port.
import { buildSite } from '../tasks/site.ts';
import { imageKit } from '../tasks/image-kit.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';

export async function run(): Promise<void> {
  await Promise.all([sandboxImage(), imageKit(), buildSite()]);
  await import('../../sandbox-server/main.ts');
}
