// The proof harness: in a fresh real sandbox, every step's check must FAIL before the step's solution runs
// and PASS after it. A check that cannot fail, or a solution that does not satisfy it, is caught here.
// The sandbox is prepared as a learner's is (assets, setup), and a step's file blocks are applied before its
// solution runs, as the learner's "Apply to file" would. Quiz-only steps have nothing to prove in a sandbox.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { isQuizOnly, type Lesson } from '../../src/lesson-format/lesson-schema.ts';
import type { Config } from '../config.ts';
import { createSandbox, removeSandbox } from '../engine/sandbox-container.ts';
import { sandboxSpec, type SandboxConfig } from '../engine/sandbox-spec.ts';
import type { HostFacts } from '../engine/host-facts.ts';
import { runCommand } from '../engine/run-command.ts';
import { runChecksIn } from './check-batch.ts';
import { prepareSandbox } from '../lessons/prepare-sandbox.ts';
import { writeFiles } from '../lessons/write-files.ts';

export interface ProofRow {
  lesson: string;
  step: string;
  /** Expected: the check fails before the solution. */
  failsBefore: boolean;
  /** Expected: the check passes after the solution. */
  passesAfter: boolean;
  detail: string;
  ms: number;
}

export interface ProofOptions {
  config: SandboxConfig & Pick<Config, 'SLIPWAY_CHECK_TIMEOUT_S'>;
  instance: string;
  host: HostFacts;
}

export async function proveLesson(docker: Docker, lesson: Lesson, options: ProofOptions): Promise<ProofRow[]> {
  const { config, instance, host } = options;
  const container = await createSandbox(docker, sandboxSpec(config, host, instance, `proof-${randomBytes(6).toString('hex')}`));
  const check = async (id: string, script: string) =>
    (await runChecksIn(container, [{ id, script }], config.SLIPWAY_CHECK_TIMEOUT_S, true))[0] ?? { id, ok: false, output: 'no result' };
  try {
    const rows: ProofRow[] = [];
    const started = performance.now();
    const setupFailure = await prepareSandbox(container, lesson).then(() => undefined, (error: unknown) => (error as Error).message);
    if (setupFailure) {
      return [{ lesson: lesson.slug, step: '(setup)', failsBefore: true, passesAfter: false, detail: setupFailure, ms: Math.round(performance.now() - started) }];
    }
    for (const step of lesson.steps.filter((candidate) => !isQuizOnly(candidate))) {
      const started = performance.now();
      const before = await check(step.id, step.check);
      let detail = before.ok ? `passes before its solution: ${before.output || 'no output'}` : '';
      let after = { ok: false, output: '' };
      // The harness proves in one sandbox (node1); file blocks for other nodes wait for multi-node proofs.
      await writeFiles(container, step.files.filter((file) => file.node === 'node1').map(({ path, content }) => ({ path, content })));
      if (!step.solution && step.files.length === 0) detail ||= 'no solution block (or file block) to prove the check with';
      else {
        const solved = step.solution ? await runCommand(container, ['bash', '-lc', step.solution], { workingDir: '/root' }) : undefined;
        after = await check(step.id, step.check);
        if (!after.ok) {
          detail ||= solved
            ? `fails after its solution (solution exit ${solved.exitCode}): ${after.output || solved.output.slice(-300)}`
            : `fails after its file blocks are applied: ${after.output || 'no output'}`;
        }
      }
      rows.push({ lesson: lesson.slug, step: step.id, failsBefore: !before.ok, passesAfter: after.ok, detail, ms: Math.round(performance.now() - started) });
    }
    return rows;
  } finally {
    await removeSandbox(container);
  }
}

export const proven = (row: ProofRow) => row.failsBefore && row.passesAfter;
