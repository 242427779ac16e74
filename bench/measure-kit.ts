// Image kit build times: cold (every image rebuilt without the layer cache, then the mirror re-seeded) and
// warm (the cache-hit run every npm start / npm test makes). The Debian base and the npm downloads are kept:
// they are one-time per machine (about a minute for debootstrap).
import type { Engines } from '../sandbox-server/engine/docker.ts';
import { ensureKit } from '../tooling/image-builder/kit.ts';
import { ensureMirror } from '../tooling/mirror/ensure-mirror.ts';
import { round } from './stats.ts';

const seconds = (started: number) => round((performance.now() - started) / 1000, 1);

export async function measureKit(engines: Engines, network: string, cold: boolean, say: (line: string) => void) {
  const quiet = () => undefined;
  let coldBuildS: number | undefined;
  let coldSeedS: number | undefined;
  if (cold) {
    say('image kit cold (no layer cache, a few minutes)…');
    let started = performance.now();
    const kit = await ensureKit(engines.host, quiet, { force: true, noCache: true });
    coldBuildS = seconds(started);
    started = performance.now();
    await ensureMirror(engines, kit, network, quiet);
    coldSeedS = seconds(started);
  }
  const started = performance.now();
  await ensureMirror(engines, await ensureKit(engines.host, quiet), network, quiet);
  return { coldBuildS, coldSeedS, warmS: seconds(started) };
}
