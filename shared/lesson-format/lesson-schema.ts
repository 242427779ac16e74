// What a lesson's frontmatter may say. Strict: an unknown key is an author's typo, reported with its line.
import { z } from 'zod';

/** An absolute path inside the sandbox: no `..`, no control characters. */
export const SandboxPathSchema = z
  .string()
  .regex(/^\/[^\0-\x1f]*$/, 'must be an absolute path such as /root/app/Dockerfile')
  .refine((value) => !value.split('/').includes('..'), 'must not contain ".."');

/** `{ file, target, chmod }`: one file of assets/ copied into the folder `target` (the Killercoda convention). */
export const AssetPlacementSchema = z.strictObject({
  file: z.string().min(1).refine((value) => !value.startsWith('/') && !value.split('/').includes('..'), 'must be a path inside assets/'),
  target: SandboxPathSchema,
  chmod: z.string().regex(/^([0-7]{3,4}|[ugoa]*[+-=][rwx]+)$/, 'must be a mode such as 755 or +x').optional(),
});
export type AssetPlacement = z.infer<typeof AssetPlacementSchema>;

/** A ```quiz block's YAML. `answer` (1-based) makes it single choice, `answers` multiple choice. */
export const QuizSchema = z
  .strictObject({
    question: z.string().min(1),
    options: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(2).max(8),
    answer: z.number().int().min(1).optional(),
    answers: z.array(z.number().int().min(1)).min(1).optional(),
    explanation: z.string().min(1).optional(),
  })
  .superRefine((quiz, context) => {
    const key = quiz.answers === undefined ? 'answer' : 'answers';
    if ((quiz.answer === undefined) === (quiz.answers === undefined)) {
      context.addIssue({ code: 'custom', path: [key], message: 'give exactly one of `answer: N` (single choice) or `answers: [N, M]` (multiple choice)' });
    } else if ([quiz.answer ?? 0, ...(quiz.answers ?? [])].some((n) => n > quiz.options.length)) {
      context.addIssue({ code: 'custom', path: [key], message: 'an answer number is larger than the number of options (they count from 1)' });
    }
  });
export type QuizSource = z.infer<typeof QuizSchema>;

export interface Quiz {
  /** Unique in the lesson: `<step>-quiz-<n>`. */
  id: string;
  question: string;
  options: string[];
  multiple: boolean;
  /** 1-based indices of the correct options, sorted. */
  correct: number[];
  explanation?: string;
  line: number;
}

/** A fenced block naming a sandbox file (```lang file=/path): shown with "Apply to file". */
export interface FileBlock {
  path: string;
  node: string;
  content: string;
  line: number;
}

/** Where a lesson runs: the learner's Docker sandbox, or Node.js in the learner's browser (docs/authoring.md). */
export const LessonRuntimeSchema = z.enum(['docker', 'webcontainer']);
export type LessonRuntime = z.infer<typeof LessonRuntimeSchema>;

/** A webcontainer lesson's project folder: its files' home in the WebContainer's workdir and in the fallback sandbox. */
export const PROJECT_DIR = '/root';

export const LessonFrontmatterSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(1),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  minutes: z.number().int().min(1).max(240),
  tags: z.array(z.string().min(1)).default([]),
  images: z.array(z.string().min(1)).default([]),
  nodes: z.number().int().min(1).max(5).default(1),
  /** Bash script run in node1 when a session starts (and by the proof harness before step 1), after the assets are copied. */
  setup: z.string().min(1).optional(),
  /** Where the files of the lesson's assets/ folder go: one folder (default /root/<slug>), or per-file placements. */
  assets: z.union([SandboxPathSchema, z.array(AssetPlacementSchema).min(1)]).optional(),
  runtime: LessonRuntimeSchema.default('docker'),
  /** A webcontainer lesson's fallback sandbox image (default node:22, from the image kit). */
  image: z.string().min(1).optional(),
}).superRefine((meta, context) => {
  if (meta.runtime !== 'webcontainer') {
    if (meta.image !== undefined) context.addIssue({ code: 'custom', path: ['image'], message: '`image:` names the fallback sandbox of a `runtime: webcontainer` lesson: remove it (Docker lessons list theirs in `images:`)' });
    return;
  }
  // What the browser runtime cannot do the same way as the fallback sandbox: one machine, no engine, no bash setup.
  const unsupported: [keyof typeof meta, boolean, string][] = [
    ['nodes', meta.nodes !== 1, 'a webcontainer lesson runs on one machine: remove `nodes:`'],
    ['images', meta.images.length > 0, 'a webcontainer lesson has no Docker engine: remove `images:` (or use `runtime: docker`)'],
    ['setup', meta.setup !== undefined, 'a webcontainer lesson has no setup script: put its starting files in assets/'],
    ['assets', meta.assets !== undefined, `a webcontainer lesson's assets/ is its project folder (${PROJECT_DIR} in the fallback sandbox): remove \`assets:\``],
  ];
  for (const [key, bad, message] of unsupported) if (bad) context.addIssue({ code: 'custom', path: [key], message });
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

export interface LessonStep {
  id: string;
  title: string;
  /** 1-based line of the step's opening marker in lesson.md. */
  line: number;
  /** Empty for a quiz-only step (it completes when its quizzes are answered, in the browser). */
  check: string;
  solution?: string;
  /** The node the solution runs on (```solution {node=node2}); undefined means node1. Checks always run on node1. */
  solutionNode?: string;
  /** Files this step's text asks the learner to write; the proof harness applies them before the solution. */
  files: FileBlock[];
  quizzes: Quiz[];
  hints: string[];
  /** 1-based line in lesson.md where each script's first line is, for error messages. */
  scriptLines: { check?: number; solution?: number };
}

export interface Lesson {
  slug: string;
  /** Position in the course, from the folder's NN- prefix. */
  order: number;
  file: string;
  meta: LessonFrontmatter;
  steps: LessonStep[];
  /** The whole lesson body as safe HTML (no raw HTML from the author passes through). */
  html: string;
  /** The lesson's assets/ folder, if it has one: files (relative, `/`-separated) and where they go. */
  assets?: LessonAssets;
  /** Parts of an imported scenario that Slipway does not support (shown by lessons:check as warnings). */
  warnings: string[];
}

export interface LessonAssets {
  /** Absolute path of the assets/ folder on the host. */
  dir: string;
  files: string[];
  placements: AssetPlacement[];
}

/** A step that has quizzes and no check: the browser completes it, the server never checks it. */
export const isQuizOnly = (step: LessonStep): boolean => step.check === '' && step.quizzes.length > 0;

/** A problem in a lesson file, located for the author. */
export class LessonError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.file = file;
    this.line = line;
  }
}
