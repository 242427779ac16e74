// Builds the Astro site into dist/ unless its sources are unchanged since the last build.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { contentHash } from '../../tooling/content-hash.ts';
import { phase, say } from '../lib/say.mjs';
import { runChild } from './child-process.ts';

const STAMP = 'dist/.slipway-build-hash';
const SOURCES = ['src', 'shared', 'lessons', 'public'];

async function sourcesHash(): Promise<string> {
  const parts = await Promise.all(SOURCES.filter((dir) => existsSync(dir)).map((dir) => contentHash(dir)));
  const config = await readFile('astro.config.mjs', 'utf8');
  const lock = await readFile('package-lock.json', 'utf8').catch(() => '');
  const hash = createHash('sha256');
  for (const part of [...parts, config, lock]) hash.update(`${part}\0`);
  return hash.digest('hex');
}

export function buildSite(options: { force?: boolean } = {}): Promise<void> {
  return phase('site', async () => {
    const hash = await sourcesHash();
    const built = await readFile(STAMP, 'utf8').catch(() => '');
    if (!options.force && built === hash) return say('site is up to date (dist/)');
    await runChild(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent']);
    await writeFile(STAMP, hash);
  });
}
