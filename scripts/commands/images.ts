// npm run images [-- --force]: builds the sandbox image (only when stale unless --force).
import { sandboxImage } from '../tasks/sandbox-image.ts';

export async function run(args: string[]): Promise<void> {
  await sandboxImage({ force: args.includes('--force') });
}
