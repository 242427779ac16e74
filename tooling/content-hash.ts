// A digest of a build context (file names and bytes), so an unchanged image is never rebuilt.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

export async function contentHash(dir: string, extra: string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(path.join(dir, file));
    // Name and length before the bytes: no two different trees can produce the same stream.
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  hash.update(JSON.stringify(extra));
  return hash.digest('hex');
}
