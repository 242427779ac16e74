// The proof harness: in fresh real sandboxes, every step's check must FAIL before the step's solution runs
// and PASS after it. A check that cannot fail, or a solution that does not satisfy it, is caught here.
// The sandboxes are prepared as a learner's are: node1 gets the assets and setup, then a multi-node lesson's
// other nodes start exactly as a session's do (SessionNodes: a private network, nodes reaching each other by
// name). A step's file blocks are written to their nodes before its solution runs, as the learner's
// "Apply to file" would; the solution runs on its node (```solution {node=node2}); checks always run on node1.
// Quiz-only steps have nothing to prove in a sandbox.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { isQuizOnly, type Lesson, type LessonStep } from '../shared/lesson-format/lesson-schema.ts';
import type { Config } from '../sandbox-server/config.ts';
import { networkFirewall } from '../sandbox-server/engine/host-firewall.ts';
import { createSandbox } from '../sandbox-server/engine/sandbox-container.ts';
import { sandboxSpec, type SandboxConfig } from '../sandbox-server/engine/sandbox-spec.ts';
import type { HostFacts } from '../sandbox-server/engine/host-facts.ts';
import { runCommand } from '../sandbox-server/engine/run-command.ts';
import { errorMessage } from '../sandbox-server/logger.ts';
import { SessionNodes } from '../sandbox-server/sessions/session-nodes.ts';
import { runChecksIn } from '../sandbox-server/checks/check-batch.ts';
import { prepareSandbox } from '../sandbox-server/lessons/prepare-sandbox.ts';
import { writeFiles } from '../sandbox-server/lessons/write-files.ts';

/** A solution may pull and build images: generous, but not endless. */
const SOLUTION_TIMEOUT_MS = 600_000;

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
  const proofId = `proof-${randomBytes(6).toString('hex')}`;
  const spec = (sandboxId: string) => sandboxSpec(config, host, instance, sandboxId, lesson);
  const node1 = await createSandbox(docker, spec(proofId));
  const nodes = new SessionNodes({ docker, sessionId: proofId, instance, node1, spec, mayAdd: () => true, firewall: networkFirewall(docker, { enforced: false, reason: 'lesson proofs' }, host.routing), onPortsChange: () => undefined });
  const check = async (id: string, script: string) =>
    (await runChecksIn(node1, [{ id, script }], config.SLIPWAY_CHECK_TIMEOUT_S, true))[0] ?? { id, ok: false, output: 'no result' };
  try {
    const started = performance.now();
    // In a session's order: node1 is prepared first, then the other nodes start.
    const setupFailure = await prepareSandbox(node1, lesson)
      .then(() => nodes.grow(lesson.meta.nodes))
      .then(() => undefined, (error: unknown) => errorMessage(error));
    if (setupFailure) {
      return [{ lesson: lesson.slug, step: '(setup)', failsBefore: true, passesAfter: false, detail: setupFailure, ms: Math.round(performance.now() - started) }];
    }
    const rows: ProofRow[] = [];
    for (const step of lesson.steps.filter((candidate) => !isQuizOnly(candidate))) {
      const started = performance.now();
      const before = await check(step.id, step.check);
      let detail = before.ok ? `passes before its solution: ${before.output || 'no output'}` : '';
      let after = { ok: false, output: '' };
      await applyFileBlocks(nodes, step);
      if (!step.solution && step.files.length === 0) detail ||= 'no solution block (or file block) to prove the check with';
      else {
        const solved = step.solution ? await runCommand(onNode(nodes, step.solutionNode), ['bash', '-lc', step.solution], { workingDir: '/root', timeoutMs: SOLUTION_TIMEOUT_MS }) : undefined;
        after = await check(step.id, step.check);
        if (!after.ok) {
          const where = step.solutionNode ? ` on ${step.solutionNode}` : '';
          detail ||= solved
            ? `fails after its solution (solution exit ${solved.exitCode}${where}): ${after.output || solved.output.slice(-300)}`
            : `fails after its file blocks are applied: ${after.output || 'no output'}`;
        }
      }
      rows.push({ lesson: lesson.slug, step: step.id, failsBefore: !before.ok, passesAfter: after.ok, detail, ms: Math.round(performance.now() - started) });
    }
    return rows;
  } finally {
    await nodes.removeAll();
  }
}

/** Writes a step's file blocks, each to its node. */
async function applyFileBlocks(nodes: SessionNodes, step: LessonStep): Promise<void> {
  for (const node of new Set(step.files.map((file) => file.node))) {
    await writeFiles(onNode(nodes, node), step.files.filter((file) => file.node === node).map(({ path, content }) => ({ path, content })));
  }
}

/** The node's container; the parser only lets a lesson name nodes its frontmatter asks for, which all started. */
function onNode(nodes: SessionNodes, name = 'node1'): Docker.Container {
  const container = nodes.container(name);
  if (!container) throw new Error(`the lesson uses ${name}, which is not running (its nodes: ${nodes.names().join(', ')})`);
  return container;
}

export const proven = (row: ProofRow) => row.failsBefore && row.passesAfter;
