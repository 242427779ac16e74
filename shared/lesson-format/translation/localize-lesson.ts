// A lesson in another language: the English lesson's structure, frontmatter, checks and solutions with the
// translation's text. Built by writing one lesson file from both (translated prose and blocks, the English
// check and solution of each step) and parsing it like any lesson, so the page renders it the same way.
import { parse as parseYaml, stringify } from 'yaml';
import type { Lesson } from '../lesson-schema.ts';
import { parseLesson } from '../parse-lesson.ts';
import type { Locale } from '../../contracts/browser-state-schemas.ts';
import type { CheckMessage } from '../../contracts/check-messages.ts';
import type { LessonParts, Part } from './lesson-parts.ts';
import { readMessages, type Translation } from './translation-file.ts';

export interface LocalizedLesson extends Lesson {
  locale: Locale;
  /** Per step id: the check's English sentences and their translation. */
  messages: Record<string, CheckMessage[]>;
}

/** Undefined when the translation does not have the English steps in order (lessons:check says why). */
export function localizeLesson(english: Lesson, englishParts: LessonParts, translation: Translation, locale: Locale): LocalizedLesson | undefined {
  const { meta, parts } = translation;
  if (!meta || parts.steps.map((step) => step.key).join(' ') !== englishParts.steps.map((step) => step.key).join(' ')) return undefined;
  const frontmatter = { ...(parseYaml(englishParts.frontmatter.yaml) as Record<string, unknown>), title: meta.title, summary: meta.summary };
  const body = [lines(parts.intro)];
  const messages: Record<string, CheckMessage[]> = {};
  // A translation's own check or solution is ignored (lessons:check reports it): what runs is always the English.
  parts.steps.forEach((step, index) => {
    const source = englishParts.steps[index];
    const shared = source?.fences.filter((fence) => fence.lang === 'check' || fence.lang === 'solution') ?? [];
    messages[step.key] = step.fences.filter((fence) => fence.lang === 'messages').flatMap((fence) => readMessages(fence).messages);
    body.push(`::: step ${step.key} ${step.title}`, lines(step, ['messages', 'check', 'solution']), ...shared.map((fence) => dedent(fence.raw.map(({ text }) => text)).join('\n')), ':::');
  });
  body.push(lines(parts.summary));
  const text = `---\n${stringify(frontmatter)}---\n${body.join('\n')}\n`;
  return { ...parseLesson({ slug: english.slug, order: english.order, file: translation.file, text, locale }), ...(english.assets ? { assets: english.assets } : {}), locale, messages };
}

/** A part's lines, leaving out the fences of the given languages. */
function lines(part: Part, without: string[] = []): string {
  const skipped = new Set(part.fences.filter((fence) => without.includes(fence.lang)).flatMap((fence) => fence.raw.map(({ line }) => line)));
  return part.lines.filter(({ line }) => !skipped.has(line)).map(({ text }) => text).join('\n');
}

function dedent(block: string[]): string[] {
  const indent = Math.min(...block.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return block.map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)));
}
