// Reads the course from disk: lessons/<NN>-<slug>/lesson.md, in NN order.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLesson } from './parse-lesson.ts';
import type { Lesson } from './lesson-schema.ts';

export const DEFAULT_LESSONS_DIR = fileURLToPath(new URL('../../lessons/', import.meta.url));
/** lessons/<NN>-<slug>/: NN orders the course, slug names the lesson. */
export const LESSON_DIR = /^(\d+)-([a-z0-9][a-z0-9-]*)$/;

export async function loadLessons(root: string = DEFAULT_LESSONS_DIR): Promise<Lesson[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const lessons: Lesson[] = [];
  for (const entry of entries) {
    const match = entry.isDirectory() ? LESSON_DIR.exec(entry.name) : null;
    if (!match) continue;
    const file = path.join(root, entry.name, 'lesson.md');
    const text = await readFile(file, 'utf8');
    lessons.push(parseLesson({ slug: match[2] ?? '', order: Number(match[1]), file: path.relative(process.cwd(), file), text }));
  }
  return lessons.sort((a, b) => a.order - b.order);
}
