// npm test [-- <files or globs>]: typecheck, lint, sandbox image, image kit with its mirror, and site (in parallel), then every suite with node's
// test runner: unit, integration on the real engine, e2e in Chromium. Files run in parallel.
import { buildSite } from '../tasks/site.ts';
import { runChild } from '../tasks/child-process.ts';
import { imageKit } from '../tasks/image-kit.ts';
import { sandboxImage } from '../tasks/sandbox-image.ts';
import { phase } from '../lib/say.mjs';

const SUITES = ['src/**/*.test.ts', 'shared/**/*.test.ts', 'tooling/**/*.test.ts', 'bench/**/*.test.ts', 'sandbox-server/**/*.test.ts', 'tests/{integration,e2e,hostile,faults}/**/*.test.ts'];
// Tests that bound the server's latency under a flood: run after the others, alone, so the bound is the
// server's and not that of three other test files sharing two cores with it.
const ALONE = ['tests/load/**/*.test.ts'];

export async function run(args: string[]): Promise<void> {
  await Promise.all([
    phase('typecheck', () => runChild(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'])),
    // .oxlintrc.json: type-aware promise rules, unused code, type imports and the rooms' import rules (docs/architecture.md).
    phase('lint', () => runChild(process.execPath, ['node_modules/oxlint/bin/oxlint'])),
    sandboxImage(),
    imageKit(),
    buildSite(),
  ]);
  const env = { ...process.env, SLIPWAY_LOG: process.env.SLIPWAY_LOG ?? 'warn' };
  const runs = args.length > 0 ? [{ name: 'tests', concurrency: 4, files: args }] : [{ name: 'tests', concurrency: 4, files: SUITES }, { name: 'tests run alone', concurrency: 1, files: ALONE }];
  const failures: string[] = [];
  // Each run goes ahead even when one before it failed, so one `npm test` shows every failure.
  for (const { name, concurrency, files } of runs) {
    await phase(name, () => runChild(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], env)).catch((error: unknown) => failures.push((error as Error).message));
  }
  for (const failure of failures) console.error(`slipway: ${failure}`);
  if (failures.length > 0) process.exit(1);
}
