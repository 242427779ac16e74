// lesson.md → Lesson: YAML frontmatter, then markdown whose steps are `::: step <id> <title>` containers.
// Inside a step, fenced blocks tagged `check`, `solution`, `hint` and `quiz` are data, not prose, and fences
// naming a file (```lang file=/path) are file blocks (docs/authoring.md).
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Token } from 'markdown-it';
import { StepIdSchema } from '../contracts/protocol.ts';
import type { Locale } from '../contracts/browser-state-schemas.ts';
import { LessonError, LessonFrontmatterSchema, PROJECT_DIR, QuizSchema, type Lesson, type LessonFrontmatter, type LessonStep, type Quiz } from './lesson-schema.ts';
import { createLessonMarkdown, STEP_MARKER, type FenceMeta, type LessonEnv } from './lesson-markdown.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export interface LessonSource {
  slug: string;
  order: number;
  file: string;
  text: string;
  /** Carried into the lesson (an imported scenario's unsupported parts). */
  warnings?: string[];
  /** Language of the UI text in the rendered markup (a translation's page). */
  locale?: Locale;
}

export function parseLesson(source: LessonSource): Lesson {
  const { file, text } = source;
  const match = FRONTMATTER.exec(text);
  if (!match) throw new LessonError(file, 1, 'missing frontmatter: start the file with a --- block (title, summary, level, minutes)');
  const meta = parseFrontmatter(file, match[1] ?? '');
  const body = text.slice(match[0].length);
  const bodyLine = text.slice(0, match[0].length).split('\n').length - 1;

  const md = createLessonMarkdown(source.locale);
  const env: LessonEnv = {};
  const tokens = md.parse(body, env);
  const problem = env.fenceProblems?.[0];
  if (problem) throw new LessonError(file, bodyLine + problem.line + 1, problem.message);
  const steps = collectSteps(file, tokens, bodyLine, meta);
  if (steps.length === 0) throw new LessonError(file, bodyLine + 1, `no steps: add at least one "${STEP_MARKER} step <id> <title>" block`);
  const html = md.renderer.render(tokens, md.options, env);
  return { slug: source.slug, order: source.order, file, meta, steps, html, warnings: source.warnings ?? [] };
}

function parseFrontmatter(file: string, yaml: string) {
  let raw: unknown;
  try {
    raw = parseYaml(yaml);
  } catch (error) {
    // The YAML parser counts lines from the top of the frontmatter; the file has the opening --- above it.
    const at = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new LessonError(file, at ? at + 1 : 2, `frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = LessonFrontmatterSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
  const line = typeof key === 'string' ? lineOfKey(yaml, key) : 2;
  throw new LessonError(file, line, `frontmatter: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
}

function lineOfKey(yaml: string, key: string): number {
  const index = yaml.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 2 : index + 2;
}

function collectSteps(file: string, tokens: Token[], bodyLine: number, meta: LessonFrontmatter): LessonStep[] {
  const steps: LessonStep[] = [];
  let current: LessonStep | undefined;
  for (const token of tokens) {
    const line = bodyLine + (token.map?.[0] ?? 0) + 1;
    if (token.type === 'container_step_open') {
      if (current) throw new LessonError(file, line, `step "${current.id}" is not closed: end it with ${STEP_MARKER} before the next step`);
      current = openStep(file, line, token.info, steps);
    } else if (token.type === 'container_step_close') {
      if (current && !current.check && current.quizzes.length === 0) {
        throw new LessonError(file, current.line, `step "${current.id}" has no check: add a \`\`\`check block that exits 0 when the step is done (or a \`\`\`quiz for a quiz-only step)`);
      }
      if (current) steps.push(current);
      current = undefined;
    } else if (token.type === 'fence') {
      const fence = (token.meta as FenceMeta | null)?.fence;
      const kind = fence?.lang ?? '';
      if (fence?.node && Number(fence.node.slice(4)) > meta.nodes) {
        throw new LessonError(file, line, `node=${fence.node} but the lesson has ${meta.nodes} node${meta.nodes === 1 ? '' : 's'}: raise \`nodes:\` in the frontmatter or use node1`);
      }
      if (fence?.file) {
        if (!current) throw new LessonError(file, line, `a file block (file=${fence.file}) must be inside a step`);
        if (meta.runtime === 'webcontainer' && !fence.file.startsWith(`${PROJECT_DIR}/`)) {
          throw new LessonError(file, line, `file=${fence.file} is outside the project folder: a webcontainer lesson's files live under ${PROJECT_DIR}/`);
        }
        current.files.push({ path: fence.file, node: fence.node ?? 'node1', content: token.content, line });
        continue;
      }
      if (kind !== 'check' && kind !== 'solution' && kind !== 'hint' && kind !== 'quiz') continue;
      if (!current) throw new LessonError(file, line, `a \`\`\`${kind} block must be inside a step`);
      if (kind === 'hint') current.hints.push(token.content);
      else if (kind === 'quiz') {
        const quiz = parseQuiz(file, line, token.content, `${current.id}-quiz-${current.quizzes.length + 1}`);
        current.quizzes.push(quiz);
        token.meta = { ...(token.meta as FenceMeta), quiz } satisfies FenceMeta;
      } else if (current[kind] !== undefined && current[kind] !== '') throw new LessonError(file, line, `step "${current.id}" has two ${kind} blocks: keep one`);
      else {
        current[kind] = token.content;
        current.scriptLines[kind] = line + 1; // the line after the opening fence
        if (kind === 'solution' && fence?.node && fence.node !== 'node1') current.solutionNode = fence.node;
      }
    }
  }
  if (current) throw new LessonError(file, current.line, `step "${current.id}" is not closed: end it with a line holding only ${STEP_MARKER}`);
  return steps;
}

function parseQuiz(file: string, line: number, yaml: string, id: string): Quiz {
  let raw: unknown;
  try {
    raw = parseYaml(yaml);
  } catch (error) {
    const at = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0;
    throw new LessonError(file, line + at, `quiz is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = QuizSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
    const offset = typeof key === 'string' ? Math.max(0, yaml.split('\n').findIndex((text) => text.startsWith(`${key}:`))) + 1 : 1;
    throw new LessonError(file, line + offset, `quiz: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')} (a quiz has question, options, answer: N or answers: [N, M], and an optional explanation)`);
  }
  const { question, options, answer, answers, explanation } = parsed.data;
  const correct = [...new Set(answers ?? [answer ?? 1])].sort((a, b) => a - b);
  return { id, question, options, multiple: answers !== undefined, correct, line, ...(explanation ? { explanation } : {}) };
}

function openStep(file: string, line: number, info: string, seen: LessonStep[]): LessonStep {
  const [, id = '', ...titleWords] = info.trim().split(/\s+/);
  if (!StepIdSchema.safeParse(id).success) throw new LessonError(file, line, `step id "${id}" is not valid: use lowercase letters, digits and dashes, as in "${STEP_MARKER} step run-a-container Run a container"`);
  if (seen.some((step) => step.id === id)) throw new LessonError(file, line, `duplicate step id "${id}": every step needs its own id`);
  const title = titleWords.join(' ');
  if (!title) throw new LessonError(file, line, `step "${id}" has no title: write it after the id`);
  return { id, title, line, check: '', hints: [], files: [], quizzes: [], scriptLines: {} };
}
