// Cross-origin isolation (COOP same-origin + COEP require-corp) is what a WebContainer needs, and what would
// break a Docker lesson's previews and embeds: so only the pages of `runtime: webcontainer` lessons get it, and
// not when they run in their Docker fallback (`?runtime=docker`, or the server forcing Docker).
import type { Lesson } from './lesson-schema.ts';

/** Where `runtime: webcontainer` lessons run (the server's SLIPWAY_LESSON_RUNTIME). */
export type LessonRuntimeMode = 'auto' | 'docker' | 'webcontainer';

export const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } as const;

/** The query a lesson page carries once it runs in its Docker fallback. */
export const FALLBACK_QUERY = 'runtime';

/** Decides, for a served file (relative to the site folder, `/`-separated) and the request's query, whether to isolate. */
export type IsolationRule = (file: string, query: URLSearchParams) => boolean;

export function isolationRule(lessons: readonly Lesson[], mode: LessonRuntimeMode): IsolationRule {
  if (mode === 'docker') return () => false;
  const slugs = new Set(lessons.filter((lesson) => lesson.meta.runtime === 'webcontainer').map((lesson) => lesson.slug));
  return (file, query) => {
    // Any locale prefix: …/lessons/<slug>/index.html
    const match = /(?:^|\/)lessons\/([a-z0-9-]+)\/index\.html$/.exec(file);
    return match !== null && slugs.has(match[1] ?? '') && query.get(FALLBACK_QUERY) !== 'docker';
  };
}
