// Checks every lesson folder without stopping at the first problem: parse errors, folder names, and shell
// syntax of each step's check and solution (`bash -n`), each reported at its file and line.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LESSON_DIR } from './load-lessons.ts';
import { parseLesson } from './parse-lesson.ts';
import { LessonError, type Lesson } from './lesson-schema.ts';

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
      problems.push(...shellSyntaxProblems(parseLesson({ slug: match[2] ?? '', order: Number(match[1]), file, text })));
    } catch (error) {
      if (!(error instanceof LessonError)) throw error;
      problems.push({ file: error.file, line: error.line, message: error.message.slice(`${error.file}:${error.line}: `.length) });
    }
  }
  return { lessons, problems };
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
