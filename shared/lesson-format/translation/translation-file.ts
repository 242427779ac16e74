// A translation beside its lesson: lessons/<NN>-<slug>/lesson.<locale>.md. Its frontmatter holds the translated
// title and summary and the stamps of the English it was made from (`source:`, written by lessons:stamp); its
// body mirrors the English steps with the text translated (docs/authoring.md, "Translations").
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CheckMessage } from '../../contracts/check-messages.ts';
import type { Fence, LessonParts } from './lesson-parts.ts';
import { splitLessonParts } from './lesson-parts.ts';

export const TRANSLATION_FILE = /^lesson\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;

export const TranslationFrontmatterSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(1),
  /** Part (`_meta`, `_intro`, a step id, `_summary`) → short hash of the English it translates. */
  source: z.record(z.string(), z.string()).optional(),
});
export type TranslationFrontmatter = z.infer<typeof TranslationFrontmatterSchema>;

export interface Problem {
  line: number;
  message: string;
}

export interface Translation {
  locale: string;
  file: string;
  text: string;
  parts: LessonParts;
  /** Undefined when the frontmatter is unreadable (see `problem`). */
  meta?: TranslationFrontmatter;
  problem?: Problem;
}

export function readTranslation(locale: string, file: string, text: string): Translation {
  const parts = splitLessonParts(text);
  const base = { locale, file, text, parts };
  if (!text.startsWith('---')) return { ...base, problem: { line: 1, message: 'missing frontmatter: start with a --- block holding title and summary' } };
  let raw: unknown;
  try {
    raw = parseYaml(parts.frontmatter.yaml);
  } catch (error) {
    return { ...base, problem: { line: 2, message: `frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]}` } };
  }
  const parsed = TranslationFrontmatterSchema.safeParse(raw ?? {});
  if (parsed.success) return { ...base, meta: parsed.data };
  const issue = parsed.error.issues[0];
  const key = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path[0];
  const index = typeof key === 'string' ? parts.frontmatter.yaml.split('\n').findIndex((line) => line.startsWith(`${key}:`)) : -1;
  return {
    ...base,
    problem: {
      line: index < 0 ? 2 : index + 2,
      message: `frontmatter: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')} (a translation's frontmatter holds only title, summary and source; everything else comes from lesson.md)`,
    },
  };
}

/** A ```messages fence: an English line, then its translation on a line starting with `= `. */
export function readMessages(fence: Fence): { messages: CheckMessage[]; problems: Problem[] } {
  const messages: CheckMessage[] = [];
  const problems: Problem[] = [];
  let english: { text: string; line: number } | undefined;
  fence.content.split('\n').forEach((raw, index) => {
    const line = fence.line + 1 + index;
    const text = raw.trim();
    if (text === '') return;
    if (text.startsWith('= ') || text === '=') {
      if (!english) problems.push({ line, message: 'a translation line (= …) must follow the English line it translates' });
      else messages.push([english.text, text.slice(1).trim()]);
      english = undefined;
      return;
    }
    if (english) problems.push({ line: english.line, message: `"${english.text}" has no translation: add a line starting with "= " under it` });
    english = { text, line };
  });
  if (english) problems.push({ line: english.line, message: `"${english.text}" has no translation: add a line starting with "= " under it` });
  return { messages, problems };
}
