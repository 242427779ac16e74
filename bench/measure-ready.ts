// Session ready: POST /api/sessions until 201, against the floor of a bare start of the same image until
// the inner `docker version` answers.
import type Docker from 'dockerode';
import { createSession, authorized } from '../tests/support/api-client.ts';
import { createSandbox, removeSandbox } from '../sandbox-server/engine/sandbox-container.ts';
import { sandboxSpec, type SandboxConfig } from '../sandbox-server/engine/sandbox-spec.ts';
import type { HostFacts } from '../sandbox-server/engine/host-facts.ts';
import { pause } from './deadline.ts';
import { summary } from './stats.ts';

/** Sessions created one after another; with `poolWarm`, each waits first until a warm sandbox is ready. */
export async function measureSessionReady(baseUrl: string, count: number, poolWarm?: () => Promise<boolean>, signal?: AbortSignal) {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    while (poolWarm && !(await poolWarm())) await pause(50, signal);
    signal?.throwIfAborted();
    const started = performance.now();
    const session = await createSession(baseUrl);
    samples.push(performance.now() - started);
    await fetch(`${baseUrl}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  }
  return summary(samples);
}

/** Floor: create + start the sandbox image directly and wait for its ready line (no HTTP, no session). */
export async function measureBareStart(docker: Docker, config: SandboxConfig, host: HostFacts, count: number, signal?: AbortSignal) {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    signal?.throwIfAborted();
    const started = performance.now();
    const container = await createSandbox(docker, sandboxSpec(config, host, 'bench-floor', `bench-floor-${i}-${process.pid}`));
    samples.push(performance.now() - started);
    await removeSandbox(container);
  }
  return summary(samples);
}
