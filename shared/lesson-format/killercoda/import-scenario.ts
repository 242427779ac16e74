// Writes a Killercoda/Katacoda scenario folder as a Slipway lesson folder: lesson.md plus a copy of assets/.
// The written lesson is read back (parsed and validated as the course would load it) before returning.
import { cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { convertScenario } from './convert-scenario.ts';
import { LESSON_DIR, readLessonFolder } from '../read-lesson-folder.ts';
import type { Lesson } from '../lesson-schema.ts';

export interface ImportResult {
  out: string;
  lesson: Lesson;
  unsupported: string[];
}

export async function importScenario(scenarioDir: string, out: string): Promise<ImportResult> {
  if (!LESSON_DIR.test(path.basename(out))) throw new Error(`--out ${out}: the folder must be named <NN>-<slug>, e.g. lessons/30-my-scenario`);
  const existing = await readdir(out).catch(() => []);
  if (existing.length > 0) throw new Error(`${out} already exists and is not empty: choose another --out or remove it`);
  const { markdown, unsupported } = await convertScenario(scenarioDir);
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'lesson.md'), markdown);
  const assets = path.join(scenarioDir, 'assets');
  if (await stat(assets).then((info) => info.isDirectory(), () => false)) await cp(assets, path.join(out, 'assets'), { recursive: true });
  return { out, lesson: await readLessonFolder(out), unsupported };
}

/** lessons/<next NN>-<slug of the title>: after the last lesson in `lessonsDir`. */
export async function defaultOut(lessonsDir: string, title: string): Promise<string> {
  const numbers = (await readdir(lessonsDir).catch(() => [])).map((name) => Number(LESSON_DIR.exec(name)?.[1] ?? 0));
  const next = String(Math.max(0, ...numbers) + 1).padStart(2, '0');
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'imported';
  return path.join(lessonsDir, `${next}-${slug}`);
}
