// Whether a translated text is still in English: identical to the English it translates, or, for a language
// written in its own script, holding English words and none of that script. A third language in a Latin
// script gets only the first test (docs/authoring.md, "Adding a language").

/** Languages whose translated prose must contain letters of their own script. */
const SCRIPTS: Record<string, RegExp> = {
  'zh-CN': /\p{Script=Han}/gu,
};
/** English words worth translating: a dozen letters, outside `code`. */
const ENGLISH_LETTERS = 12;

export function looksUntranslated(locale: string, text: string, reference: string): boolean {
  const plain = withoutCode(text);
  const latin = plain.match(/[A-Za-z]/g)?.length ?? 0;
  if (reference && normalize(text) === normalize(reference) && latin >= 3) return true;
  const script = SCRIPTS[locale];
  return script !== undefined && latin >= ENGLISH_LETTERS && (plain.match(script)?.length ?? 0) === 0;
}

function withoutCode(text: string): string {
  return text.replace(/`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
