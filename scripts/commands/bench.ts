// npm run bench: sandbox image, image kit with its mirror, and site first (each only if stale), then the
// measurements.
import { runBench } from '../../bench/run.ts';
import { buildSite } from '../tasks/site.ts';
import { imageKit } from '../tasks/image-kit.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';

export async function run(): Promise<void> {
  await Promise.all([sandboxImage(), imageKit(), buildSite()]);
  await runBench();
  // A measurement that did not finish may still hold a socket or a timer: the report is written, so stop here.
  process.exit(0);
}
