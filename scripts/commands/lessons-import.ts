// npm run lessons:import -- <scenario-dir> [--out lessons/NN-slug]: converts a Killercoda/Katacoda scenario
// into a Slipway lesson folder and lists every part of it that Slipway does not support.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../sandbox-server/config.ts';
import { defaultOut, importScenario } from '../../shared/lesson-format/killercoda/import-scenario.ts';

export async function run(args: string[]): Promise<void> {
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const [dir] = args.filter((_arg, i) => i !== outIndex && i !== outIndex + 1);
  if (!dir || (outIndex >= 0 && !out)) throw new Error('usage: npm run lessons:import -- <scenario-dir> [--out lessons/NN-slug]');
  const title = String((JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8').catch(() => '{}')) as { title?: unknown }).title ?? '');
  const result = await importScenario(dir, out ?? (await defaultOut(loadConfig().SLIPWAY_LESSONS_DIR, title)));
  console.log(`imported "${result.lesson.meta.title}" → ${result.out}/lesson.md (${result.lesson.steps.length} steps${result.lesson.assets ? `, ${result.lesson.assets.files.length} assets` : ''})`);
  for (const message of result.unsupported) console.warn(`slipway: warning: unsupported: ${message}`);
  if (result.unsupported.length > 0) console.warn(`${result.unsupported.length} unsupported part${result.unsupported.length === 1 ? '' : 's'}: review them in lesson.md`);
  console.log('next: npm run lessons:check && npm run lessons:test -- ' + result.lesson.slug);
}
