// Stamps: a short hash of each English part (title and summary, introduction, each step, summary) recorded in
// the translation's `source:` when a translator says "this matches the English". lessons:check compares them
// with the English of today: a part that changed since is stale.
import { parseDocument } from 'yaml';
import { INTRO, META, SUMMARY, partText, shortHash, type LessonParts } from './lesson-parts.ts';

export function englishStamps(parts: LessonParts, title: string, summary: string): Record<string, string> {
  return {
    [META]: shortHash(`${title}\n${summary}`),
    [INTRO]: shortHash(partText(parts.intro)),
    ...Object.fromEntries(parts.steps.map((step) => [step.key, shortHash(partText(step))])),
    [SUMMARY]: shortHash(partText(parts.summary)),
  };
}

/**
 * The translation's text with `source:` set to the English stamps: all of them, or only the parts named in
 * `only` (the others keep their old stamp, so a part not yet updated stays stale).
 */
export function stampTranslation(text: string, stamps: Record<string, string>, only: readonly string[] = []): string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) throw new Error('the translation has no frontmatter: start it with a --- block holding title and summary');
  const unknown = only.filter((key) => !(key in stamps));
  if (unknown.length > 0) throw new Error(`no part named ${unknown.join(', ')}: name steps by id, or ${META}, ${INTRO}, ${SUMMARY}`);
  const document = parseDocument(match[1] ?? '');
  const old = ((document.toJS() as { source?: Record<string, string> } | null)?.source ?? {});
  const source = only.length === 0 ? stamps : Object.fromEntries(Object.keys(stamps).map((key) => [key, only.includes(key) ? stamps[key] : old[key] ?? '']).filter(([, hash]) => hash));
  document.set('source', source);
  return `---\n${document.toString({ lineWidth: 0 })}---\n${text.slice(match[0].length)}`;
}
