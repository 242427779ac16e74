// The one place a sandbox's settings are derived from the configuration (sessions, pool, proofs, bench).
import type { Config } from '../config.ts';
import type { HostFacts } from './host-facts.ts';
import type { SandboxSpec } from './sandbox-container.ts';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import { fallbackImage } from '../../shared/lesson-format/lesson-runtime.ts';

export type SandboxConfig = Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_NETWORK' | 'SLIPWAY_READY_TIMEOUT_S' | 'SLIPWAY_SANDBOX_MEMORY' | 'SLIPWAY_SANDBOX_CPUS' | 'SLIPWAY_SANDBOX_PIDS' | 'SLIPWAY_RUNTIME'>;

/** A `runtime: webcontainer` lesson's sandbox is its fallback: a plain container of the lesson's image, no engine inside. */
export function sandboxSpec(config: SandboxConfig, host: HostFacts, instance: string, sandboxId: string, lesson?: Lesson): SandboxSpec {
  const plainImage = lesson ? fallbackImage(lesson.meta) : undefined;
  return {
    image: plainImage ?? config.SLIPWAY_IMAGE,
    ...(plainImage ? { plain: true } : {}),
    instance,
    sandboxId,
    network: config.SLIPWAY_NETWORK,
    dns: host.dns,
    registryMirror: host.registryMirror,
    privileged: host.privileged,
    runtime: config.SLIPWAY_RUNTIME,
    remap: host.remap,
    readyTimeoutMs: config.SLIPWAY_READY_TIMEOUT_S * 1000,
    limits: { memoryBytes: config.SLIPWAY_SANDBOX_MEMORY, cpus: config.SLIPWAY_SANDBOX_CPUS, pids: config.SLIPWAY_SANDBOX_PIDS },
  };
}
