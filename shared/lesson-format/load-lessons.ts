// Reads the course from disk: every lessons/<NN>-<slug>/ folder (lesson.md or a Killercoda scenario), in NN order.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LESSON_DIR, readLessonFolder } from './read-lesson-folder.ts';
import type { Lesson } from './lesson-schema.ts';

export const DEFAULT_LESSONS_DIR = fileURLToPath(new URL('../../lessons/', import.meta.url));
export { LESSON_DIR };

export async function loadLessons(root: string = DEFAULT_LESSONS_DIR): Promise<Lesson[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const dirs = entries.filter((entry) => entry.isDirectory() && LESSON_DIR.test(entry.name));
  const lessons = await Promise.all(dirs.map((entry) => readLessonFolder(path.relative(process.cwd(), path.join(root, entry.name)))));
  return lessons.sort((a, b) => a.order - b.order);
}
