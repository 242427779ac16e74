// Images are built on the host engine; a separate sandbox engine gets them as `docker save | docker load`
// does, only when its copy differs (image ids are content hashes, equal on both engines).
import type { Engines } from '../../sandbox-server/engine/docker.ts';
import { inspectIfExists, type Say } from './build-image.ts';

export async function copyToSandboxEngine(engines: Engines, tag: string, say: Say): Promise<void> {
  if (!engines.separate) return;
  const { host: source, sandboxes: target } = engines;
  const wanted = (await source.getImage(tag).inspect()).Id;
  if ((await inspectIfExists(target.getImage(tag)))?.Id === wanted) return;
  const started = Date.now();
  say(`copying ${tag} to the sandbox engine…`);
  const loaded = await target.loadImage(await source.getImage(tag).get(), { quiet: true });
  await new Promise<void>((resolve, reject) => {
    target.modem.followProgress(loaded, (error: Error | null, events: { error?: string }[]) => {
      const failed = error?.message ?? events.find((event) => event.error)?.error;
      if (failed) reject(new Error(`copying ${tag} to the sandbox engine failed: ${failed}`));
      else resolve();
    });
  });
  say(`copied ${tag} to the sandbox engine (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
