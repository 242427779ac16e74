// Every sentence every check of the course can print, as each language's lesson page shows it: in English as
// printed, in every other language translated, with the values the check filled in carried over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { localizedLessons } from '../../shared/lesson-format/translation/lesson-translations.ts';
import { checkLiterals, unreadableMessages } from '../../shared/lesson-format/translation/check-literals.ts';
import { localizeCheckOutput, SHELL_EXPANSION } from '../../shared/contracts/check-messages.ts';
import { LOCALES } from '../../shared/contracts/browser-state-schemas.ts';
import { courseInLocale } from './catalog-entries.ts';

const english = await loadLessons();
const translations = new Map(await Promise.all(english.map(async (lesson) => [lesson.slug, await localizedLessons(lesson)] as const)));
const HAN = /\p{Script=Han}/u;

/** The sentence as a check prints it, each expansion filled with a value of its own (`⟨1⟩`, `⟨2⟩`…). */
function printed(sentence: string): { line: string; values: Map<string, string> } {
  const values = new Map<string, string>();
  const line = sentence.replace(SHELL_EXPANSION, (expansion) => {
    const value = values.get(expansion) ?? `⟨${values.size + 1}⟩`;
    values.set(expansion, value);
    return value;
  });
  return { line, values };
}

const sentences = english.flatMap((lesson) =>
  lesson.steps.flatMap((step) => checkLiterals(step.check ?? '').map(({ text }) => ({ slug: lesson.slug, step: step.id, text }))),
);

test('the course\'s checks print sentences, and none of them is in a form no translation can pair', () => {
  assert.ok(sentences.length > 100, `${sentences.length} sentences read from the checks`);
  for (const lesson of english) {
    for (const step of lesson.steps) assert.deepEqual(unreadableMessages(step.check ?? ''), [], `${lesson.slug} ${step.id}`);
  }
  // The browser lesson (node -e checks) is read too, not only the shell ones.
  assert.ok(sentences.some(({ slug, text }) => slug === 'app-before-docker' && text.startsWith('app.js still answers ${message}')));
});

test('every lesson has a zh-CN translation', () => {
  assert.deepEqual(english.filter((lesson) => !translations.get(lesson.slug)?.['zh-CN']).map((lesson) => lesson.slug), []);
});

for (const locale of LOCALES) {
  test(`every check sentence of every lesson, as the ${locale} page shows it`, () => {
    const course = new Map(courseInLocale(english, translations, locale).map((entry) => [entry.lesson.slug, entry]));
    let shown = 0;
    for (const { slug, step, text } of sentences) {
      const entry = course.get(slug);
      if (locale !== 'en' && !entry?.translated) continue; // an untranslated lesson is shown in English, and says so
      const { line, values } = printed(text);
      const output = localizeCheckOutput(line, entry?.messages[step] ?? []);
      const where = `${slug} ${step}: ${text}`;
      if (locale === 'en') {
        assert.equal(output, line, where);
        continue;
      }
      assert.notEqual(output, line, `${where}: not translated`);
      if (locale === 'zh-CN') assert.match(output, HAN, where);
      for (const [expansion, value] of values) assert.ok(output.includes(value), `${where}: the translation drops ${expansion}`);
      shown += 1;
    }
    if (locale === 'zh-CN') assert.equal(shown, sentences.length);
  });
}
