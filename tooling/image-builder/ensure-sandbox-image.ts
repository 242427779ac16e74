// Builds the sandbox image (sandbox-server/image/) unless an image with the same content hash exists.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { contentHash } from '../content-hash.ts';
import { buildImage, inspectIfExists, type Say } from './build-image.ts';
import { resolveBaseImage } from './base-image.ts';

export const IMAGE_DIR = fileURLToPath(new URL('../../sandbox-server/image/', import.meta.url));
export const SANDBOX_IMAGE = process.env.SLIPWAY_IMAGE ?? 'slipway/sandbox:latest';
export const HASH_LABEL = 'org.slipway.content-hash';

export async function ensureSandboxImage(docker: Docker, say: Say, options: { force?: boolean } = {}): Promise<string> {
  const existing = await inspectIfExists(docker.getImage(SANDBOX_IMAGE));
  const base = await resolveBaseImage(docker, say, 'trixie');
  const hash = await contentHash(IMAGE_DIR, [base]);
  if (!options.force && existing?.Config.Labels?.[HASH_LABEL] === hash) {
    say(`sandbox image ${SANDBOX_IMAGE} is up to date (${hash.slice(0, 12)})`);
    return SANDBOX_IMAGE;
  }
  say(`building ${SANDBOX_IMAGE} on ${base}…`);
  await buildImage(docker, { context: IMAGE_DIR, tags: [SANDBOX_IMAGE], buildargs: { BASE: base }, labels: { [HASH_LABEL]: hash } }, say);
  say(`built ${SANDBOX_IMAGE} (${hash.slice(0, 12)}) from ${path.relative(process.cwd(), IMAGE_DIR)}`);
  return SANDBOX_IMAGE;
}
