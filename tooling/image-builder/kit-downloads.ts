// Files a kit image needs from the npm registry (the Node 22 binary, npm), fetched once with `npm pack`
// into .slipway/kit-downloads/ and reused by every later build.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KitDownload } from '../../image-kit/manifest.ts';

const DOWNLOADS = path.resolve('.slipway/kit-downloads');

/** The local path of `download`, fetching it first if this machine does not have it yet. */
export async function fetchDownload(download: KitDownload, image: string): Promise<string> {
  const file = path.join(DOWNLOADS, `${download.npm.replaceAll('/', '_')}.tgz`);
  if (existsSync(file)) return file;
  await mkdir(DOWNLOADS, { recursive: true });
  const scratch = await mkdtemp(path.join(DOWNLOADS, 'pack-'));
  try {
    await promisify(execFile)('npm', ['pack', download.npm, '--pack-destination', scratch, '--silent'], { maxBuffer: 1 << 20 });
    const [packed] = await readdir(scratch);
    if (!packed) throw new Error('npm pack wrote no file');
    await rename(path.join(scratch, packed), file);
    return file;
  } catch (error) {
    const reason = ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').slice(-2).join(' ');
    throw new Error(`${image}: could not fetch ${download.npm} from the npm registry (${reason}). Check that registry.npmjs.org is reachable (npm config get registry), then run npm run images again.`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
