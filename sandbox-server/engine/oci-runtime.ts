// SLIPWAY_RUNTIME must name a runtime the engine knows, or every sandbox would fail to start: checked once.
import type Docker from 'dockerode';

export async function assertRuntimeKnown(docker: Docker, runtime: string): Promise<void> {
  if (!runtime) return;
  const info = (await docker.info()) as { Runtimes?: Record<string, unknown> };
  const known = Object.keys(info.Runtimes ?? {});
  if (!known.includes(runtime)) {
    throw new Error(`SLIPWAY_RUNTIME=${runtime} is not a runtime this Docker engine knows (it has: ${known.join(', ') || 'none listed'}): install it and add it to the engine's daemon.json "runtimes", or unset SLIPWAY_RUNTIME.`);
  }
}
