// The catalog's view of the course at build time: one position per lesson number, with every locale's
// version of it, and the topics (tags) to filter by.
import type { Lesson } from '../lesson-format/lesson-schema.ts';

export const DEFAULT_LOCALE = 'en';

export interface CoursePosition {
  /** 1-based place in the path. */
  position: number;
  /** Every locale's version of this lesson, the one shown without JavaScript first. */
  variants: Lesson[];
}

/** Lessons sharing a folder number (`01-first-container`, `01-di-yi-ge-rongqi`) are translations of one another. */
export function coursePositions(lessons: readonly Lesson[]): CoursePosition[] {
  const byOrder = new Map<number, Lesson[]>();
  for (const lesson of lessons) byOrder.set(lesson.order, [...(byOrder.get(lesson.order) ?? []), lesson]);
  return [...byOrder.keys()]
    .sort((a, b) => a - b)
    .map((order, index) => {
      const variants = byOrder.get(order) ?? [];
      const primary = variants.find((lesson) => lesson.meta.locale === DEFAULT_LOCALE) ?? variants[0];
      return { position: index + 1, variants: primary ? [primary, ...variants.filter((lesson) => lesson !== primary)] : [] };
    });
}

/** Every tag in course order, each with a stable id usable in CSS selectors. */
export function courseTags(lessons: readonly Lesson[]): { tag: string; id: string }[] {
  const tags = [...new Set(lessons.flatMap((lesson) => lesson.meta.tags))];
  return tags.map((tag, index) => ({ tag, id: `t${index}` }));
}
