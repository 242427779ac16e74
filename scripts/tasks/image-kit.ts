// `npm start`, `npm test` and `npm run images` share this: the image kit (only what is missing or stale),
// then the registry mirror seeded with it (reused when already current).
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectEngines } from '../../sandbox-server/engine/docker.ts';
import { ensureKit } from '../../tooling/image-builder/kit.ts';
import { ensureMirror } from '../../tooling/mirror/ensure-mirror.ts';
import { phase, say } from '../lib/say.mjs';
import { copyToSandboxEngine } from '../../tooling/image-builder/copy-image.ts';
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { fallbackImage } from '../../shared/lesson-format/lesson-runtime.ts';

export async function imageKit(options: { force?: boolean } = {}): Promise<void> {
  const config = loadConfig();
  const engines = connectEngines(config);
  const kit = await phase('image kit', () => ensureKit(engines.host, (line) => say(line), options));
  // Webcontainer lessons' fallback sandboxes run a kit image (node:22) on the sandbox engine itself.
  const fallbacks = new Set((await loadLessons(config.SLIPWAY_LESSONS_DIR)).flatMap((lesson) => fallbackImage(lesson.meta) ?? []));
  for (const image of fallbacks) await copyToSandboxEngine(engines, image, (line) => say(line));
  // A deployment pointing sessions at its own registry needs no mirror of ours.
  if (config.SLIPWAY_REGISTRY_MIRROR !== 'auto') return;
  await phase('registry mirror', () => ensureMirror(engines, kit, config.SLIPWAY_NETWORK, (line) => say(line), options));
}
