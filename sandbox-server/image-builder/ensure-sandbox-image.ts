// Builds the sandbox image (sandbox-server/image/) unless an image with the same content hash exists.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { contentHash, listFiles } from './content-hash.ts';
import { resolveBaseImage } from './base-image.ts';

export const IMAGE_DIR = fileURLToPath(new URL('../image/', import.meta.url));
export const SANDBOX_IMAGE = process.env.SLIPWAY_IMAGE ?? 'slipway/sandbox:latest';
const HASH_LABEL = 'org.slipway.content-hash';

type Say = (line: string) => void;

export async function ensureSandboxImage(docker: Docker, say: Say, options: { force?: boolean } = {}): Promise<string> {
  const existing = await docker.getImage(SANDBOX_IMAGE).inspect().catch(() => undefined);
  const base = await resolveBaseImage(docker, say);
  const hash = await contentHash(IMAGE_DIR, [base]);
  if (!options.force && existing?.Config.Labels?.[HASH_LABEL] === hash) {
    say(`sandbox image ${SANDBOX_IMAGE} is up to date (${hash.slice(0, 12)})`);
    return SANDBOX_IMAGE;
  }
  say(`building ${SANDBOX_IMAGE} on ${base}…`);
  const stream = await docker.buildImage(
    { context: IMAGE_DIR, src: await listFiles(IMAGE_DIR) },
    { t: SANDBOX_IMAGE, buildargs: { BASE: base }, labels: { [HASH_LABEL]: hash }, rm: true, forcerm: true },
  );
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: { error?: string }[]) => {
        const failed = error?.message ?? events.find((event) => event.error)?.error;
        if (failed) reject(new Error(`building ${SANDBOX_IMAGE} failed: ${failed}\n${tail.join('\n')}`));
        else resolve();
      },
      (event: { stream?: string }) => {
        for (const line of (event.stream ?? '').split('\n').filter(Boolean)) {
          tail.push(line);
          if (tail.length > 30) tail.shift();
          if (/^Step \d+\/\d+ :/.test(line)) say(`  ${line.slice(0, 110)}`);
        }
      },
    );
  });
  say(`built ${SANDBOX_IMAGE} (${hash.slice(0, 12)}) from ${path.relative(process.cwd(), IMAGE_DIR)}`);
  return SANDBOX_IMAGE;
}
