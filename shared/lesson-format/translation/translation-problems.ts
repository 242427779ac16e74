// Parity of a translation with its English lesson, each problem at its line in the translation: the same
// steps in the same order; every code block copied verbatim; no check or solution (they come from English);
// the same hints and quizzes (same answers), translated; a translation for every sentence the checks print;
// no block left in English; and stamps that still match the English (else the English changed since).
import { parse as parseYaml } from 'yaml';
import { QuizSchema } from '../lesson-schema.ts';
import { checkLiterals } from './check-literals.ts';
import { INTRO, META, SUMMARY, type Fence, type LessonParts, type Part } from './lesson-parts.ts';
import { readMessages, type Problem, type Translation } from './translation-file.ts';
import { englishStamps } from './stamp-translation.ts';
import { looksUntranslated } from './untranslated.ts';

/** Fences a translation writes itself (translated), or must leave out (checks and solutions are shared). */
const TRANSLATED_FENCES = new Set(['hint', 'quiz', 'messages']);
const SHARED_FENCES = new Set(['check', 'solution']);

export interface EnglishSource {
  file: string;
  text: string;
  parts: LessonParts;
  title: string;
  summary: string;
}

export function translationProblems(english: EnglishSource, translation: Translation, stampCommand: string): Problem[] {
  if (translation.problem) return [translation.problem];
  const problems: Problem[] = [];
  const { parts, meta, locale } = translation;
  const untranslated = (text: string, reference: string) => looksUntranslated(locale, text, reference);
  if (meta && untranslated(meta.title, english.title)) problems.push({ line: 2, message: 'title: still in English: translate it' });
  if (meta && untranslated(meta.summary, english.summary)) problems.push({ line: 2, message: 'summary: still in English: translate it' });

  problems.push(...stepOrderProblems(english, translation));
  const byKey = new Map(parts.steps.map((step) => [step.key, step]));
  const pairs: [Part, Part | undefined][] = [
    [english.parts.intro, parts.intro],
    ...english.parts.steps.map((step): [Part, Part | undefined] => [step, byKey.get(step.key)]),
    [english.parts.summary, parts.summary],
  ];
  for (const [source, target] of pairs) {
    if (!target) continue;
    if (source.key !== INTRO && source.key !== SUMMARY && source.title && untranslated(target.title, source.title)) {
      problems.push({ line: target.line, message: `step "${target.key}": the title is still in English: translate it` });
    }
    problems.push(...partProblems(english.file, source, target, untranslated));
  }
  problems.push(...stampProblems(english, translation, stampCommand));
  return problems.sort((a, b) => a.line - b.line);
}

function stepOrderProblems(english: EnglishSource, translation: Translation): Problem[] {
  const problems: Problem[] = [];
  const wanted = english.parts.steps.map((step) => step.key);
  const have = translation.parts.steps.map((step) => step.key);
  for (const step of translation.parts.steps) {
    if (!wanted.includes(step.key)) problems.push({ line: step.line, message: `step "${step.key}" is not in the English lesson (${english.file}): remove it, or rename it to the English step's id` });
  }
  wanted.forEach((key, index) => {
    if (have.includes(key)) return;
    const before = translation.parts.steps.find((step) => step.key === wanted[index - 1]);
    const line = before ? (before.lines.at(-1)?.line ?? before.line) + 1 : translation.parts.intro.line;
    problems.push({ line, message: `step "${key}" is missing: translate the English step (${english.file}:${english.parts.steps[index]?.line}) here` });
  });
  const common = have.filter((key) => wanted.includes(key));
  const order = wanted.filter((key) => have.includes(key));
  const first = common.findIndex((key, index) => key !== order[index]);
  if (first >= 0) {
    const step = translation.parts.steps.find((candidate) => candidate.key === common[first]);
    problems.push({ line: step?.line ?? 1, message: `steps are not in the English order (${order.join(', ')}): move step "${common[first]}"` });
  }
  return problems;
}

function partProblems(englishFile: string, source: Part, target: Part, untranslated: (text: string, reference: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const name = source.key === INTRO ? 'the introduction' : source.key === SUMMARY ? 'the summary' : `step "${source.key}"`;
  for (const fence of target.fences.filter((candidate) => SHARED_FENCES.has(candidate.lang))) {
    problems.push({ line: fence.line, message: `a translation has no \`\`\`${fence.lang} block: the English one is used, remove it` });
  }

  // Code blocks: the same ones, in the same order, copied verbatim.
  const code = (part: Part) => part.fences.filter((fence) => !TRANSLATED_FENCES.has(fence.lang) && !SHARED_FENCES.has(fence.lang));
  const theirs = code(target);
  code(source).forEach((fence, index) => {
    const copy = theirs[index];
    const where = `${englishFile}:${fence.line}`;
    if (!copy) problems.push({ line: lastLine(target), message: `${name} lacks the code block \`\`\`${fence.info} (${where}): copy it verbatim` });
    else if (copy.info !== fence.info || copy.content !== fence.content) {
      problems.push({ line: copy.line, message: `this code block differs from the English one (${where}): copy commands, files and output verbatim, only prose is translated` });
    }
  });
  for (const extra of theirs.slice(code(source).length)) problems.push({ line: extra.line, message: `${name} has a code block the English does not have: remove it` });

  problems.push(...hintProblems(englishFile, name, source, target, untranslated));
  problems.push(...quizProblems(englishFile, name, source, target, untranslated));
  problems.push(...messageProblems(name, source, target));

  // Prose: every paragraph translated, and some prose where the English has some.
  for (const block of proseBlocks(target)) {
    if (untranslated(block.text, '')) problems.push({ line: block.line, message: `${name}: this paragraph is still in English: translate it` });
  }
  const englishProse = proseBlocks(source).map((block) => block.text).join('\n');
  for (const block of proseBlocks(target)) {
    if (englishProse.includes(block.text) && /[A-Za-z]{4}/.test(block.text) && block.text.trim().length > 20) {
      problems.push({ line: block.line, message: `${name}: this paragraph is the English text: translate it` });
    }
  }
  if (englishProse.trim() && proseBlocks(target).length === 0) problems.push({ line: target.line, message: `${name} has no text: translate the English prose` });
  return problems;
}

/** The English and the translated fences of one kind, and a problem when their numbers differ. */
function pairedFences(kind: 'hint' | 'quiz', englishFile: string, name: string, source: Part, target: Part) {
  const wanted = source.fences.filter((fence) => fence.lang === kind);
  const have = target.fences.filter((fence) => fence.lang === kind);
  const problems: Problem[] = wanted.length === have.length ? [] : [{
    line: have[0]?.line ?? lastLine(target),
    message: `${name} has ${have.length} ${kind} block(s), the English ${wanted.length} (${englishFile}:${wanted[0]?.line ?? source.line}): translate each ${kind} once`,
  }];
  return { wanted, have, problems };
}

function hintProblems(englishFile: string, name: string, source: Part, target: Part, untranslated: (text: string, reference: string) => boolean): Problem[] {
  const { wanted, have, problems } = pairedFences('hint', englishFile, name, source, target);
  have.forEach((fence, index) => {
    if (untranslated(fence.content, wanted[index]?.content ?? '')) problems.push({ line: fence.line, message: `${name}: this hint is still in English: translate it` });
  });
  return problems;
}

function quizProblems(englishFile: string, name: string, source: Part, target: Part, untranslated: (text: string, reference: string) => boolean): Problem[] {
  const { wanted, have, problems } = pairedFences('quiz', englishFile, name, source, target);
  have.forEach((fence, index) => {
    const theirs = readQuiz(fence);
    const ours = wanted[index] ? readQuiz(wanted[index]) : undefined;
    if ('error' in theirs) return problems.push({ line: fence.line, message: `quiz: ${theirs.error}` });
    if (!ours || 'error' in ours) return;
    const key = (quiz: typeof ours) => JSON.stringify([quiz.answer, quiz.answers, quiz.options.length]);
    if (key(theirs) !== key(ours)) problems.push({ line: fence.line, message: `this quiz must keep the English options in order and the same answer (${englishFile}:${wanted[index]?.line})` });
    if (untranslated(theirs.question, ours.question)) problems.push({ line: fence.line + 1, message: `${name}: the quiz question is still in English: translate it` });
    return undefined;
  });
  return problems;
}

function readQuiz(fence: Fence) {
  try {
    const parsed = QuizSchema.safeParse(parseYaml(fence.content) ?? {});
    return parsed.success ? parsed.data : { error: parsed.error.issues[0]?.message ?? 'not a quiz' };
  } catch (error) {
    return { error: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

function messageProblems(name: string, source: Part, target: Part): Problem[] {
  const fences = target.fences.filter((fence) => fence.lang === 'messages');
  const problems: Problem[] = fences.slice(1).map((fence) => ({ line: fence.line, message: `${name} has more than one \`\`\`messages block: keep one` }));
  const read = fences.map(readMessages);
  problems.push(...read.flatMap((result) => result.problems));
  const translated = new Set(read.flatMap((result) => result.messages.map(([english]) => english)));
  const printed = source.fences.filter((fence) => fence.lang === 'check').flatMap((fence) => checkLiterals(fence.content).map((literal) => literal.text));
  for (const text of new Set(printed)) {
    if (!translated.has(text)) problems.push({ line: fences[0]?.line ?? lastLine(target), message: `${name}: the check can print "${text}": add it and its translation to the step's \`\`\`messages block` });
  }
  for (const fence of fences) {
    for (const [offset, line] of fence.content.split('\n').entries()) {
      const text = line.trim();
      if (text && !text.startsWith('=') && !printed.includes(text)) {
        problems.push({ line: fence.line + 1 + offset, message: `the English check no longer prints "${text}": update or remove this message` });
      }
    }
  }
  return problems;
}

function stampProblems(english: EnglishSource, translation: Translation, stampCommand: string): Problem[] {
  const source = translation.meta?.source;
  if (!source) return [{ line: 1, message: `not stamped: once it matches the English, run ${stampCommand} (it records which English this translates)` }];
  const stamps = englishStamps(english.parts, english.title, english.summary);
  const lineOf = (key: string) =>
    key === META ? 2 : key === INTRO ? translation.parts.intro.line : key === SUMMARY ? translation.parts.summary.line : (translation.parts.steps.find((step) => step.key === key)?.line ?? 1);
  const englishLine = (key: string) =>
    key === META ? 2 : key === INTRO ? english.parts.intro.line : key === SUMMARY ? english.parts.summary.line : (english.parts.steps.find((step) => step.key === key)?.line ?? 1);
  return Object.entries(stamps)
    .filter(([key, hash]) => source[key] !== hash && (key === META || key === INTRO || key === SUMMARY || translation.parts.steps.some((step) => step.key === key)))
    .map(([key]) => ({
      line: lineOf(key),
      message: `stale: ${key === META ? 'the title or summary' : key === INTRO ? 'the introduction' : key === SUMMARY ? 'the summary' : `step "${key}"`} changed in English since this translation was stamped (${english.file}:${englishLine(key)}): update the translation, then run ${stampCommand} ${key}`,
    }));
}

/** Paragraphs outside code blocks (consecutive non-blank lines), with inline code and link targets removed. */
function proseBlocks(part: Part): { line: number; text: string }[] {
  const inFence = new Set(part.fences.flatMap((fence) => fence.raw.map(({ line }) => line)));
  const blocks: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | undefined;
  for (const { line, text } of part.lines) {
    if (inFence.has(line) || text.trim() === '') {
      current = undefined;
      continue;
    }
    if (!current) blocks.push((current = { line, text: '' }));
    current.text += `${text.trim()}\n`;
  }
  return blocks.map((block) => ({ ...block, text: stripCode(block.text) })).filter((block) => block.text.trim() !== '');
}

export function stripCode(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\{[.#][\w-]+\}/g, ' ');
}

function lastLine(part: Part): number {
  return part.lines.at(-1)?.line ?? part.line;
}

