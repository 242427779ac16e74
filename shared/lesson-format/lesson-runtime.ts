// Where a lesson runs, decided from its frontmatter: shared by the site build, the server and the proof harness.
import type { LessonFrontmatter } from './lesson-schema.ts';

/** The image kit's Node.js image: what a webcontainer lesson falls back to when the browser cannot run it. */
export const DEFAULT_FALLBACK_IMAGE = 'node:22';

/** The image of a webcontainer lesson's fallback sandbox; undefined for a Docker lesson (the DinD sandbox). */
export const fallbackImage = (meta: LessonFrontmatter): string | undefined =>
  meta.runtime === 'webcontainer' ? (meta.image ?? DEFAULT_FALLBACK_IMAGE) : undefined;
