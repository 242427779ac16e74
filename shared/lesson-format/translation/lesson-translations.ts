// The translations of one lesson folder (lesson.<locale>.md beside lesson.md): read, checked for parity with
// the English, and turned into localized lessons for the site. Shared by the site, lessons:check and lessons:stamp.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lesson } from '../lesson-schema.ts';
import { LocaleSchema, type Locale } from '../../contracts/browser-state-schemas.ts';
import { splitLessonParts } from './lesson-parts.ts';
import { readTranslation, TRANSLATION_FILE, type Problem, type Translation } from './translation-file.ts';
import { translationProblems, type EnglishSource } from './translation-problems.ts';
import { localizeLesson, type LocalizedLesson } from './localize-lesson.ts';

export const stampCommand = (slug: string, locale: string) => `npm run lessons:stamp -- ${slug} --locale ${locale}`;

export async function englishSource(lesson: Lesson): Promise<EnglishSource | undefined> {
  if (path.basename(lesson.file) !== 'lesson.md') return undefined; // an imported scenario: not translatable as is
  const text = await readFile(lesson.file, 'utf8');
  const parts = splitLessonParts(text);
  const meta = (parseYaml(parts.frontmatter.yaml) ?? {}) as { title?: string; summary?: string };
  return { file: lesson.file, text, parts, title: meta.title ?? '', summary: meta.summary ?? '' };
}

export async function readTranslations(lesson: Lesson): Promise<Translation[]> {
  const dir = path.dirname(lesson.file);
  const names = (await readdir(dir)).filter((name) => TRANSLATION_FILE.test(name)).sort();
  return Promise.all(names.map(async (name) => {
    const locale = TRANSLATION_FILE.exec(name)?.[1] ?? '';
    const file = path.join(dir, name);
    return readTranslation(locale, file, await readFile(file, 'utf8'));
  }));
}

/** Every problem of the lesson's translations, each with its file. */
export async function lessonTranslationProblems(lesson: Lesson): Promise<(Problem & { file: string })[]> {
  const english = await englishSource(lesson);
  const translations = await readTranslations(lesson);
  if (!english) return translations.map(({ file }) => ({ file, line: 1, message: 'only a lesson.md can be translated: import the scenario first (npm run lessons:import)' }));
  return translations.flatMap((translation) => {
    if (!LocaleSchema.safeParse(translation.locale).success || translation.locale === 'en') {
      return [{ file: translation.file, line: 1, message: `"${translation.locale}" is not a language the site has: add it to LOCALES and the UI dictionaries (docs/authoring.md, "Adding a language")` }];
    }
    return translationProblems(english, translation, stampCommand(lesson.slug, translation.locale)).map((problem) => ({ file: translation.file, ...problem }));
  });
}

/** The lesson in each language it is translated into (translations whose steps do not match are left out). */
export async function localizedLessons(lesson: Lesson): Promise<Partial<Record<Locale, LocalizedLesson>>> {
  const english = await englishSource(lesson);
  if (!english) return {};
  const result: Partial<Record<Locale, LocalizedLesson>> = {};
  for (const translation of await readTranslations(lesson)) {
    const locale = LocaleSchema.safeParse(translation.locale);
    if (!locale.success || locale.data === 'en') continue;
    const localized = localizeLesson(lesson, english.parts, translation, locale.data);
    if (localized) result[locale.data] = localized;
  }
  return result;
}

