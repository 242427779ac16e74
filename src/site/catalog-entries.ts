// The course in one language at build time: each lesson in that language where a translation exists, else in
// English (marked, so the page says so), and the topics (tags) to filter by.
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { LocalizedLesson } from '../../shared/lesson-format/translation/localize-lesson.ts';
import type { Locale } from '../../shared/contracts/browser-state-schemas.ts';
import type { CheckMessage } from '../../shared/contracts/check-messages.ts';

export interface CourseLesson {
  /** What the page shows: the translation, or the English lesson. */
  lesson: Lesson;
  /** Whether `lesson` is in the language asked for. */
  translated: boolean;
  /** Per step: the checks' English sentences and their translation (empty in English). */
  messages: Record<string, CheckMessage[]>;
}

export function courseInLocale(english: readonly Lesson[], translations: ReadonlyMap<string, Partial<Record<Locale, LocalizedLesson>>>, locale: Locale): CourseLesson[] {
  return english.map((lesson) => {
    const localized = locale === 'en' ? undefined : translations.get(lesson.slug)?.[locale];
    return localized ? { lesson: localized, translated: true, messages: localized.messages } : { lesson, translated: locale === 'en', messages: {} };
  });
}

/** Every tag in course order, each with a stable id usable in CSS selectors. */
export function courseTags(lessons: readonly Lesson[]): { tag: string; id: string }[] {
  const tags = [...new Set(lessons.flatMap((lesson) => lesson.meta.tags))];
  return tags.map((tag, index) => ({ tag, id: `t${index}` }));
}
