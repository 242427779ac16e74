// The course as the pages see it, read at build time from the project's lessons/ folder.
import { loadLessons } from '../lesson-format/load-lessons.ts';
import type { Lesson } from '../lesson-format/lesson-schema.ts';

export const loadCourse = (): Promise<Lesson[]> => loadLessons(__SLIPWAY_LESSONS_DIR__);
