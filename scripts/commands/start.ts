// npm start: sandbox image and site (each only if missing or stale), then the server on one port.
import { buildSite } from '../tasks/site.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';

export async function run(): Promise<void> {
  await Promise.all([sandboxImage(), buildSite()]);
  await import('../../sandbox-server/main.ts');
}
