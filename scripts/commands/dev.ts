// npm run dev: the sandbox server on SLIPWAY_API_PORT and `astro dev` (hot reload) proxying /api to it.
import { sandboxImage } from '../tasks/sandbox-image.ts';
import { runChild } from '../tasks/child-process.ts';

export async function run(): Promise<void> {
  await sandboxImage();
  const apiPort = process.env.SLIPWAY_API_PORT ?? '4322';
  const env = { ...process.env, SLIPWAY_API_PORT: apiPort };
  await Promise.all([
    runChild(process.execPath, ['sandbox-server/main.ts'], { ...env, PORT: apiPort }),
    runChild(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', process.env.PORT ?? '4321'], env),
  ]);
}
