// One lesson folder → Lesson: lessons/<NN>-<slug>/lesson.md, or a Killercoda/Katacoda scenario (index.json)
// converted on the fly; then its assets/ folder. Shared by the loader and lessons:check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseLesson } from './parse-lesson.ts';
import { readLessonAssets } from './lesson-assets.ts';
import { convertScenario } from './killercoda/convert-scenario.ts';
import { LessonError, type Lesson } from './lesson-schema.ts';

/** lessons/<NN>-<slug>/: NN orders the course, slug names the lesson. */
export const LESSON_DIR = /^(\d+)-([a-z0-9][a-z0-9-]*)$/;

/** `dir` is relative to the working directory (for readable file:line messages) or absolute. */
export async function readLessonFolder(dir: string): Promise<Lesson> {
  const match = LESSON_DIR.exec(path.basename(dir));
  if (!match) throw new LessonError(dir, 1, `folder name "${path.basename(dir)}" is not <NN>-<slug> (e.g. 02-images-and-layers): it is not loaded`);
  const slug = match[2] ?? '';
  const order = Number(match[1]);
  const file = path.join(dir, 'lesson.md');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  let lesson: Lesson;
  if (text !== undefined) lesson = parseLesson({ slug, order, file, text });
  else {
    const scenario = await convertScenario(dir).catch((error: unknown) => {
      if (error instanceof LessonError) throw error;
      return undefined;
    });
    if (!scenario) throw new LessonError(file, 1, 'missing lesson.md: every lesson folder needs one (or a Killercoda index.json)');
    lesson = parseLesson({ slug, order, file: path.join(dir, 'index.json'), text: scenario.markdown, warnings: scenario.unsupported });
  }
  const assets = await readLessonAssets(dir, slug, lesson.meta);
  return assets ? { ...lesson, assets } : lesson;
}
