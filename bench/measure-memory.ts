// Idle memory of a session's sandbox, as the engine's cgroup accounting reports it.
import type Docker from 'dockerode';
import { round } from './stats.ts';

export async function idleMemoryMiB(container: Docker.Container): Promise<number> {
  const stats = (await container.stats({ stream: false })) as { memory_stats: { usage?: number; stats?: { cache?: number } } };
  const usage = (stats.memory_stats.usage ?? 0) - (stats.memory_stats.stats?.cache ?? 0);
  return round(usage / 1024 / 1024, 1);
}
