// npm run images [-- --force]: builds the sandbox image and the image kit, and seeds the registry mirror
// (each only when stale unless --force).
import { imageKit } from '../tasks/image-kit.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';

export async function run(args: string[]): Promise<void> {
  const force = args.includes('--force');
  await Promise.all([sandboxImage({ force }), imageKit({ force })]);
}
