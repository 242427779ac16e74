// Gets a fresh sandbox ready for a lesson: copies the lesson's assets/ files, then runs its frontmatter
// `setup` script (bash, in /root, with SLIPWAY_ASSETS set to the assets folder). Used when a session starts
// and by the proof harness, so lessons are proven exactly as learners get them.
import type Docker from 'dockerode';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import { runCommand } from '../engine/run-command.ts';
import { writeFiles } from './write-files.ts';
import { defaultAssetsFolder } from '../../shared/lesson-format/lesson-assets.ts';

/** A setup that takes longer than this is stopped: the learner is waiting for the terminal. */
export const SETUP_TIMEOUT_S = 120;

export async function prepareSandbox(container: Docker.Container, lesson: Lesson): Promise<void> {
  const { assets, meta } = lesson;
  if (assets) {
    const files = await Promise.all(
      assets.placements.map(async (placement) => ({
        path: path.posix.join(placement.target, path.posix.basename(placement.file)),
        content: await readFile(path.join(assets.dir, ...placement.file.split('/'))),
        ...(placement.chmod ? { chmod: placement.chmod } : {}),
      })),
    );
    await writeFiles(container, files);
  }
  if (!meta.setup) return;
  const env = Array.isArray(meta.assets) ? [] : [`SLIPWAY_ASSETS=${assetsFolder(lesson)}`];
  const result = await runCommand(container, ['timeout', '-k', '5', String(SETUP_TIMEOUT_S), 'bash', '-c', meta.setup], { workingDir: '/root', env, timeoutMs: (SETUP_TIMEOUT_S + 10) * 1000 });
  if (result.exitCode !== 0) {
    throw new Error(`lesson "${lesson.slug}" setup exited ${result.exitCode}${result.exitCode === 124 ? ` (timed out after ${SETUP_TIMEOUT_S} s)` : ''}: ${result.output.trim().slice(-500)}`);
  }
}

/** The folder the assets/ files go to when they are placed as one folder. */
export const assetsFolder = (lesson: Lesson): string => (typeof lesson.meta.assets === 'string' ? lesson.meta.assets : defaultAssetsFolder(lesson.slug, lesson.meta));
