// What a `runtime: webcontainer` lesson page carries for the browser to run it itself: its starting files
// (assets/, the project folder) and its steps' checks. Docker lessons' checks never leave the server.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isQuizOnly, type Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { WebContainerLesson } from '../client/runtime/webcontainer-runtime.ts';

export async function webcontainerPayload(lesson: Lesson): Promise<WebContainerLesson | undefined> {
  if (lesson.meta.runtime !== 'webcontainer') return undefined;
  const { assets } = lesson;
  const files = assets ? await Promise.all(assets.files.map(async (file) => [file, await readFile(path.join(assets.dir, file), 'utf8')] as const)) : [];
  return {
    files: Object.fromEntries(files),
    checks: lesson.steps.filter((step) => !isQuizOnly(step)).map((step) => ({ id: step.id, check: step.check })),
  };
}
