// Checks every lesson folder without stopping at the first problem: parse errors, folder names, shell syntax
// of setup, checks and solutions (`bash -n`), images the sandbox cannot pull, missing assets; each reported at
// its file and line with what to do; and the parity of each translation (lesson.<locale>.md) with its English.
// An imported scenario's unsupported parts are warnings.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readLessonFolder } from './read-lesson-folder.ts';
import { LessonError, type Lesson } from './lesson-schema.ts';
import { imagesMade, imagesUsed, isKnownImage } from './image-references.ts';
import { KNOWN_IMAGES } from './known-images.ts';
import { portabilityProblem, projectFilesProblem } from './webcontainer-rules.ts';
import { lessonTranslationProblems } from './translation/lesson-translations.ts';

export interface LessonProblem {
  file: string;
  line: number;
  message: string;
  /** Warnings are printed but do not fail lessons:check. */
  warning?: boolean;
}

export async function validateLessons(root: string): Promise<{ lessons: number; problems: LessonProblem[] }> {
  const problems: LessonProblem[] = [];
  let lessons = 0;
  for (const entry of (await readdir(root, { withFileTypes: true })).filter((candidate) => candidate.isDirectory())) {
    const dir = path.join(path.relative(process.cwd(), root), entry.name);
    try {
      const lesson = await readLessonFolder(dir);
      lessons += 1;
      const text = await readFile(lesson.file, 'utf8');
      problems.push(...shellSyntaxProblems(lesson, text), ...earlyExitProblems(lesson, text), ...imageProblems(lesson, text), ...assetProblems(lesson, text), ...(await webcontainerProblems(lesson, text)));
      problems.push(...(await lessonTranslationProblems(lesson)));
      problems.push(...lesson.warnings.map((message) => ({ file: lesson.file, line: 1, message: `unsupported: ${message}`, warning: true })));
    } catch (error) {
      if (!(error instanceof LessonError)) throw error;
      if (!/folder name|missing lesson\.md/.test(error.message)) lessons += 1;
      problems.push({ file: error.file, line: error.line, message: error.message.slice(`${error.file}:${error.line}: `.length) });
    }
  }
  return { lessons, problems };
}

/** Every script of the lesson with the file line of its first line (frontmatter setup: the line after `setup:`). */
function scripts(lesson: Lesson, text: string): { name: string; script: string; start: number }[] {
  const list = lesson.steps.flatMap((step) =>
    (['check', 'solution'] as const).flatMap((kind) => {
      const script = step[kind];
      const start = step.scriptLines[kind];
      return script && start !== undefined ? [{ name: `step "${step.id}" ${kind}`, script, start }] : [];
    }),
  );
  if (lesson.meta.setup) list.unshift({ name: 'setup', script: lesson.meta.setup, start: lineOfKey(text, 'setup') + 1 });
  return list;
}

function shellSyntaxProblems(lesson: Lesson, text: string): LessonProblem[] {
  return scripts(lesson, text).flatMap(({ name, script, start }) => {
    const result = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    if (result.status === 0) return [];
    const reported = /line (\d+): (.*)/.exec(result.stderr);
    const offset = reported ? Number(reported[1]) - 1 : 0;
    return [{ file: lesson.file, line: start + offset, message: `${name}: ${reported?.[2] ?? result.stderr.trim()}: fix the shell syntax (bash -n)` }];
  });
}

// Checks run under `pipefail`: `cmd | grep -q x` stops reading at the first match, cmd may then die of SIGPIPE,
// and the pipeline fails although the output matched: a check that passes only sometimes.
const EARLY_EXIT = /\|\s*grep\s+-[a-zA-Z]*q/;

function earlyExitProblems(lesson: Lesson, text: string): LessonProblem[] {
  return scripts(lesson, text)
    .filter(({ name }) => name.endsWith('check'))
    .flatMap(({ name, script, start }) =>
      script.split('\n').flatMap((line, offset) =>
        EARLY_EXIT.test(line)
          ? [{ file: lesson.file, line: start + offset, message: `${name} pipes into grep -q, which can fail the check under pipefail when it stops reading early: use \`grep PATTERN >/dev/null\` or \`grep -q PATTERN <<<"$(command)"\`` }]
          : [],
      ),
    );
}

function imageProblems(lesson: Lesson, text: string): LessonProblem[] {
  const all = scripts(lesson, text);
  // Images the lesson makes anywhere (setup, solutions, or code blocks the learner runs) need no registry.
  const made = [...all.map(({ script }) => script), text].flatMap(imagesMade);
  const hint = `the sandbox can only use the kit's images (${KNOWN_IMAGES.join(', ')}) or images the lesson builds or tags itself`;
  const fromFrontmatter = lesson.meta.images
    .filter((image) => !isKnownImage(image, made))
    .map((image) => ({ file: lesson.file, line: lineOfKey(text, 'images'), message: `images: "${image}" is not available: ${hint}` }));
  const fromScripts = all
    .filter(({ name }) => !name.endsWith('check'))
    .flatMap(({ name, script, start }) =>
      imagesUsed(script)
        .filter(({ image }) => !isKnownImage(image, made))
        .map(({ image, line }) => ({ file: lesson.file, line: start + line, message: `${name} uses image "${image}", which is not available: ${hint}` })),
    );
  return [...fromFrontmatter, ...fromScripts];
}

function assetProblems(lesson: Lesson, text: string): LessonProblem[] {
  const line = lineOfKey(text, 'assets');
  const files = new Set(lesson.assets?.files ?? []);
  if (lesson.meta.assets !== undefined && !lesson.assets) {
    return [{ file: lesson.file, line, message: 'assets: the frontmatter places assets but the lesson folder has no assets/ folder: create it beside the lesson file' }];
  }
  const missing = Array.isArray(lesson.meta.assets) ? lesson.meta.assets.filter(({ file }) => !files.has(file)) : [];
  const problems = missing.map(({ file }) => ({ file: lesson.file, line, message: `assets: "${file}" is not in the assets/ folder: add it or remove it from the list` }));
  // `$SLIPWAY_ASSETS/<file>` in a script names a file of the assets/ folder explicitly.
  for (const { name, script, start } of scripts(lesson, text)) {
    script.split('\n').forEach((scriptLine, offset) => {
      for (const match of scriptLine.matchAll(/\$\{?SLIPWAY_ASSETS\}?\/([\w./-]+)/g)) {
        const file = match[1] ?? '';
        // A file the script writes (`> "$SLIPWAY_ASSETS/x"`, tee, touch, mkdir) is not expected in assets/.
        if (WRITES.test(scriptLine.slice(0, match.index).replace(/["']$/, ''))) continue;
        if (!files.has(file) && ![...files].some((known) => known.startsWith(`${file.replace(/\/$/, '')}/`))) {
          problems.push({ file: lesson.file, line: start + offset, message: `${name} uses $SLIPWAY_ASSETS/${file} but assets/${file} does not exist: add the file to the lesson's assets/ folder` });
        }
      }
    });
  }
  return problems;
}

/** A webcontainer lesson's scripts must run in jsh (the browser) and bash (the fallback); its files travel in the page. */
async function webcontainerProblems(lesson: Lesson, text: string): Promise<LessonProblem[]> {
  if (lesson.meta.runtime !== 'webcontainer') return [];
  const problems = scripts(lesson, text).flatMap(({ name, script, start }) =>
    script.split('\n').flatMap((line, offset) => {
      const problem = portabilityProblem(line);
      return problem ? [{ file: lesson.file, line: start + offset, message: `${name}: ${problem}` }] : [];
    }),
  );
  const files = lesson.assets ? await Promise.all(lesson.assets.files.map(async (file) => ({ file, bytes: await readFile(path.join(lesson.assets?.dir ?? '', file)) }))) : [];
  const filesProblem = projectFilesProblem(files);
  if (filesProblem) problems.push({ file: lesson.file, line: 1, message: filesProblem });
  return problems;
}

const WRITES = /(>|>>|\btee\s+(-a\s+)?|\btouch\s+|\bmkdir\s+(-p\s+)?|\bcp\s+\S+\s+)\s*$/;

function lineOfKey(text: string, key: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 1;
}
