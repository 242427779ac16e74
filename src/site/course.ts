// The course as the pages see it, read once at build time from the project's lessons/ folder, with every
// lesson's translations (lesson.<locale>.md).
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import { localizedLessons } from '../../shared/lesson-format/translation/lesson-translations.ts';
import type { LocalizedLesson } from '../../shared/lesson-format/translation/localize-lesson.ts';
import type { Locale } from '../../shared/contracts/browser-state-schemas.ts';
import { courseInLocale, type CourseLesson } from './catalog-entries.ts';
import type { PageLessonTitles } from '../../shared/contracts/workshop-schemas.ts';

let loaded: Promise<{ english: Lesson[]; translations: Map<string, Partial<Record<Locale, LocalizedLesson>>> }> | undefined;

async function load() {
  const english = await loadLessons(__SLIPWAY_LESSONS_DIR__);
  const translations = new Map(await Promise.all(english.map(async (lesson) => [lesson.slug, await localizedLessons(lesson)] as const)));
  return { english, translations };
}

/** Titles of the lessons translated into `locale` and of their steps: workshop pages show them instead of the API's English ones. */
export async function pageLessonTitles(locale: Locale): Promise<PageLessonTitles> {
  if (locale === 'en') return {};
  const course = await loadCourse(locale);
  return Object.fromEntries(
    course
      .filter(({ translated }) => translated)
      .map(({ lesson }) => [lesson.slug, { title: lesson.meta.title, steps: Object.fromEntries(lesson.steps.map((step) => [step.id, step.title])) }]),
  );
}

/** The course in `locale`: translated lessons where they exist, English otherwise. */
export async function loadCourse(locale: Locale = 'en'): Promise<CourseLesson[]> {
  loaded ??= load();
  const { english, translations } = await loaded;
  return courseInLocale(english, translations, locale);
}
