// Builds the image kit (image-kit/manifest.ts): every image lessons may use, under its real name. Offline
// each comes from its Dockerfile on the local Debian base; where a registry answers, images with an official
// counterpart are pulled instead. An image whose content hash (folder, downloads, base image) is unchanged
// is not rebuilt. Two builds run at a time; an image waits for the kit image it builds on.
import { cp, mkdtemp, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { KIT, LOCAL_DEBIAN, LOCAL_DEBIAN_TRIXIE, type KitImage } from '../../image-kit/manifest.ts';
import { errorMessage } from '../../sandbox-server/logger.ts';
import { isOnline, pull, resolveBaseImage, type DebianSuite } from './base-image.ts';
import { buildImage, inspectIfExists, tagImage, type Say } from './build-image.ts';
import { contentHash } from '../content-hash.ts';
import { HASH_LABEL } from './ensure-sandbox-image.ts';
import { fetchDownload } from './kit-downloads.ts';

export const KIT_DIR = fileURLToPath(new URL('../../image-kit/', import.meta.url));
const PARALLEL_BUILDS = 2;
const LOCAL_SUITES: Record<string, DebianSuite> = { [LOCAL_DEBIAN]: 'bookworm', [LOCAL_DEBIAN_TRIXIE]: 'trixie' };

export interface KitResult {
  online: boolean;
  /** Every kit image with its engine image id, in manifest order. */
  images: { image: KitImage; id: string }[];
}

export interface KitOptions {
  /** Rebuild (or re-pull) every image even when its content hash is unchanged. */
  force?: boolean;
  /** With force: without the engine's layer cache either. */
  noCache?: boolean;
}

export async function ensureKit(docker: Docker, say: Say, options: KitOptions = {}): Promise<KitResult> {
  const online = isOnline(await resolveBaseImage(docker, say));
  say(online ? 'image kit: a registry answers: official images are pulled, Slipway images built on them' : 'image kit: no registry: every image is built here from Debian packages');
  const mode: Mode = { online, force: options.force ?? false, noCache: options.noCache ?? false };
  const slots = limiter(PARALLEL_BUILDS);
  const done = new Map<string, Promise<string>>();
  const ensureOne = (image: KitImage): Promise<string> => {
    const name = image.tags[0] ?? image.folder;
    let promise = done.get(name);
    if (!promise) {
      const parent = KIT.find((other) => other.tags.includes(image.base));
      // A Debian base is resolved (perhaps bootstrapped) before taking a build slot, not while holding one.
      const suite = LOCAL_SUITES[image.base];
      promise = Promise.all([parent && ensureOne(parent), suite && !(online && image.official) && resolveBaseImage(docker, say, suite)])
        .then(([, base]) => slots(() => ensureImage(docker, image, base || image.base, mode, say)));
      done.set(name, promise);
    }
    return promise;
  };
  const ids = await settleAll(KIT.map(ensureOne));
  return { online, images: KIT.map((image, index) => ({ image, id: ids[index] ?? '' })) };
}

interface Mode {
  online: boolean;
  force: boolean;
  noCache: boolean;
}

/** Makes sure one kit image exists and is current; returns its image id. */
async function ensureImage(docker: Docker, image: KitImage, base: string, mode: Mode, say: Say): Promise<string> {
  const name = image.tags[0] ?? image.folder;
  const started = Date.now();
  const existing = await inspectIfExists(docker.getImage(name));
  try {
    if (mode.online && image.official) {
      // Ours from an earlier offline run carries the hash label: replace it with the official image.
      if (!mode.force && existing && !existing.Config.Labels?.[HASH_LABEL] && (await allTagged(docker, image))) {
        say(`${name}: official image present`);
        return existing.Id;
      }
      say(`${name}: pulling ${image.official}…`);
      await pull(docker, image.official);
      for (const tag of image.tags) if (tag !== image.official) await tagImage(docker, image.official, tag);
    } else {
      const baseId = (await docker.getImage(base).inspect()).Id;
      const folder = path.join(KIT_DIR, image.folder);
      const hash = await contentHash(folder, [base, baseId, ...(image.downloads ?? []).map((download) => download.npm)]);
      if (!mode.force && existing?.Config.Labels?.[HASH_LABEL] === hash && (await allTagged(docker, image))) {
        say(`${name}: up to date (${hash.slice(0, 12)})`);
        return existing.Id;
      }
      say(`${name}: building image-kit/${image.folder} on ${base} (${existing ? 'its content changed' : 'not built yet'})…`);
      await withContext(folder, image, (context) => buildImage(docker, { context, tags: image.tags, buildargs: { BASE: base }, labels: { [HASH_LABEL]: hash }, noCache: mode.noCache }, (line) => say(`${name}:${line}`)));
    }
  } catch (error) {
    const fix = mode.online && image.official ? `check that ${image.official} can be pulled` : `fix image-kit/${image.folder}/Dockerfile, or check that containers reach deb.debian.org`;
    throw new Error(`image kit: ${name} (image-kit/${image.folder}) failed: ${fix}, then run npm run images again.\n${errorMessage(error)}`);
  }
  say(`${name}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return (await docker.getImage(name).inspect()).Id;
}

const allTagged = async (docker: Docker, image: KitImage) => {
  const ids = await Promise.all(image.tags.map((tag) => docker.getImage(tag).inspect().then((info) => info.Id, () => '')));
  return ids.every((id) => id !== '' && id === ids[0]);
};

/** The build context: the image's folder, plus its downloads when it has any (in a scratch copy). */
async function withContext(folder: string, image: KitImage, build: (context: string) => Promise<void>): Promise<void> {
  if (!image.downloads?.length) return build(folder);
  const files = await Promise.all(image.downloads.map(async (download) => ({ from: await fetchDownload(download, image.tags[0] ?? image.folder), as: download.as })));
  const context = await mkdtemp(path.join(tmpdir(), `slipway-kit-${image.folder}-`));
  try {
    await cp(folder, context, { recursive: true });
    for (const file of files) await copyFile(file.from, path.join(context, file.as));
    await build(context);
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** Runs at most `size` tasks at once. */
function limiter(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** Like Promise.all, but waits for every build to end before reporting the failures (all of them). */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failures = [...new Set(results.flatMap((result) => (result.status === 'rejected' ? [errorMessage(result.reason)] : [])))];
  if (failures.length > 0) throw new Error(failures.join('\n'));
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}
