// npm run lessons:test [-- slug…]: proves every lesson's checks in fresh sandboxes (two lessons at a time)
// and prints a table; exits non-zero if any step is not proven.
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { proveLesson, proven, type ProofRow } from '../../tooling/prove-lesson.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { probeHost } from '../../sandbox-server/engine/host-facts.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';
import { imageKit } from '../tasks/image-kit.ts';
import { fallbackImage } from '../../shared/lesson-format/lesson-runtime.ts';

const PARALLEL = 2;

export async function run(slugs: string[]): Promise<void> {
  await sandboxImage();
  const config = loadConfig();
  const docker = connectDocker();
  const host = await probeHost(docker, config);
  const lessons = (await loadLessons(config.SLIPWAY_LESSONS_DIR)).filter((lesson) => slugs.length === 0 || slugs.includes(lesson.slug));
  const unknown = slugs.filter((slug) => !lessons.some((lesson) => lesson.slug === slug));
  if (unknown.length > 0) throw new Error(`no such lesson: ${unknown.join(', ')}`);
  // A webcontainer lesson is proven through its fallback sandbox, a container of a kit image (node:22).
  if (lessons.some((lesson) => fallbackImage(lesson.meta))) await imageKit();
  const options = { config, instance: `lessons-test-${process.pid}`, host };

  const started = performance.now();
  const results = new Map<string, ProofRow[]>();
  const queue = [...lessons];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let lesson = queue.shift(); lesson; lesson = queue.shift()) results.set(lesson.slug, await proveLesson(docker, lesson, options));
  }));
  // In course order, whichever lesson finished first.
  const rows = lessons.flatMap((lesson) => results.get(lesson.slug) ?? []);
  console.table(rows.map((row) => ({
    lesson: row.lesson,
    step: row.step,
    before: row.failsBefore ? 'fails ✓' : 'PASSES ✗',
    after: row.passesAfter ? 'passes ✓' : 'FAILS ✗',
    time: `${(row.ms / 1000).toFixed(1)} s`,
  })));
  const broken = rows.filter((row) => !proven(row));
  for (const row of broken) console.error(`slipway: ${row.lesson} / ${row.step}: ${row.detail}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`lessons: ${rows.length - broken.length} passed, ${broken.length} failed (${lessons.length} lesson${lessons.length === 1 ? '' : 's'} in ${seconds} s, ${PARALLEL} at a time)`);
  if (broken.length > 0) process.exit(1);
}
