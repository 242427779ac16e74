// npm test [-- <files or globs>]: typecheck, lint, sandbox image, image kit with its mirror, and site (in parallel), then every suite with node's
// test runner: unit, integration on the real engine, e2e in Chromium. Files run in parallel.
import { buildSite } from '../tasks/site.ts';
import { runChild } from '../tasks/child-process.ts';
import { imageKit } from '../tasks/image-kit.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';
import { phase } from '../lib/say.mjs';

const SUITES = ['src/**/*.test.ts', 'shared/**/*.test.ts', 'tooling/**/*.test.ts', 'bench/**/*.test.ts', 'sandbox-server/**/*.test.ts', 'tests/**/*.test.ts'];

export async function run(args: string[]): Promise<void> {
  await Promise.all([
    phase('typecheck', () => runChild(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'])),
    // .oxlintrc.json: type-aware promise rules, unused code, type imports and the rooms' import rules (docs/architecture.md).
    phase('lint', () => runChild(process.execPath, ['node_modules/oxlint/bin/oxlint'])),
    sandboxImage(),
    imageKit(),
    buildSite(),
  ]);
  await phase('tests', () =>
    runChild(process.execPath, ['--test', '--test-concurrency=4', '--test-reporter=spec', ...(args.length > 0 ? args : SUITES)], {
      ...process.env,
      SLIPWAY_LOG: process.env.SLIPWAY_LOG ?? 'warn',
    }),
  ).catch((error: unknown) => {
    console.error(`slipway: ${(error as Error).message}`);
    process.exit(1);
  });
}
