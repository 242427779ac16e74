// Checks every lesson folder without stopping at the first problem: parse errors, folder names, shell
// syntax of each step's check and solution (`bash -n`), and that the images it lists are in the image kit
// (sessions can pull nothing else offline), each reported at its file and line.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LESSON_DIR } from './load-lessons.ts';
import { parseLesson } from './parse-lesson.ts';
import { LessonError, type Lesson } from './lesson-schema.ts';
import { KIT } from '../../image-kit/manifest.ts';

export interface LessonProblem {
  file: string;
  line: number;
  message: string;
}

export async function validateLessons(root: string): Promise<{ lessons: number; problems: LessonProblem[] }> {
  const problems: LessonProblem[] = [];
  let lessons = 0;
  for (const entry of (await readdir(root, { withFileTypes: true })).filter((candidate) => candidate.isDirectory())) {
    const dir = path.join(path.relative(process.cwd(), root), entry.name);
    const match = LESSON_DIR.exec(entry.name);
    if (!match) {
      problems.push({ file: dir, line: 1, message: `folder name "${entry.name}" is not <NN>-<slug> (e.g. 02-images-and-layers): it is not loaded` });
      continue;
    }
    const file = path.join(dir, 'lesson.md');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) {
      problems.push({ file, line: 1, message: 'missing lesson.md: every lesson folder needs one' });
      continue;
    }
    lessons += 1;
    try {
      const lesson = parseLesson({ slug: match[2] ?? '', order: Number(match[1]), file, text });
      problems.push(...imageProblems(lesson, text), ...shellSyntaxProblems(lesson));
    } catch (error) {
      if (!(error instanceof LessonError)) throw error;
      problems.push({ file: error.file, line: error.line, message: error.message.slice(`${error.file}:${error.line}: `.length) });
    }
  }
  return { lessons, problems };
}

const KIT_TAGS = new Set(KIT.filter((image) => image.mirrored).flatMap((image) => image.tags));
const withTag = (name: string) => (name.lastIndexOf(':') > name.lastIndexOf('/') ? name : `${name}:latest`);

function imageProblems(lesson: Lesson, text: string): LessonProblem[] {
  const line = text.split('\n').findIndex((candidate) => /^images\s*:/.test(candidate)) + 1 || 1;
  return lesson.meta.images
    .filter((image) => !KIT_TAGS.has(withTag(image)))
    .map((image) => ({ file: lesson.file, line, message: `image "${image}" is not in the image kit, so sessions cannot pull it: use one of ${[...KIT_TAGS].join(', ')} (or add it to image-kit/)` }));
}

function shellSyntaxProblems(lesson: Lesson): LessonProblem[] {
  return lesson.steps.flatMap((step) =>
    (['check', 'solution'] as const).flatMap((kind) => {
      const script = step[kind];
      const start = step.scriptLines[kind];
      if (script === undefined || start === undefined) return [];
      const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      if (result.status === 0) return [];
      const reported = /line (\d+): (.*)/.exec(result.stderr);
      const offset = reported ? Number(reported[1]) - 1 : 0;
      return [{ file: lesson.file, line: start + offset, message: `step "${step.id}" ${kind}: ${reported?.[2] ?? result.stderr.trim()}` }];
    }),
  );
}
