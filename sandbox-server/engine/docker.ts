// The two engines, through dockerode. The host engine (DOCKER_HOST, else /var/run/docker.sock) builds the
// sandbox image and the image kit. Sandboxes (and the registry mirror they pull from) run on the sandbox
// engine: Slipway's own user-namespaced engine (SLIPWAY_ISOLATION=userns, at SLIPWAY_SANDBOX_ENGINE), or the
// host engine itself (trusted).
import Docker from 'dockerode';
import { loadConfig, type Config } from '../config.ts';
import { errorMessage } from '../logger.ts';

type EngineConfig = Pick<Config, 'SLIPWAY_ISOLATION' | 'SLIPWAY_SANDBOX_ENGINE'>;

export function connectHostEngine(): Docker {
  return new Docker();
}

/** Where sandboxes run; undefined: the host engine. */
export function sandboxEngineSocket(config: EngineConfig): string | undefined {
  return config.SLIPWAY_ISOLATION === 'userns' ? config.SLIPWAY_SANDBOX_ENGINE.slice('unix://'.length) : undefined;
}

/** The engine sandboxes run on (every session, pool, proof and test path uses this one). */
export function connectDocker(config: EngineConfig = loadConfig()): Docker {
  const socketPath = sandboxEngineSocket(config);
  return socketPath ? new Docker({ socketPath }) : new Docker();
}

/** Both engines; `separate` when sandboxes have an engine of their own that images must be copied to. */
export interface Engines {
  host: Docker;
  sandboxes: Docker;
  separate: boolean;
}

export function connectEngines(config: EngineConfig = loadConfig()): Engines {
  const host = connectHostEngine();
  const separate = sandboxEngineSocket(config) !== undefined;
  return { host, sandboxes: separate ? connectDocker(config) : host, separate };
}

export type EngineStatus = { ok: true; version: string } | { ok: false; reason: string };

export async function engineStatus(docker: Docker): Promise<EngineStatus> {
  try {
    const version = await docker.version();
    return { ok: true, version: version.Version };
  } catch (error) {
    const where = (docker.modem as { socketPath?: string }).socketPath ?? process.env.DOCKER_HOST ?? '/var/run/docker.sock';
    return { ok: false, reason: `Docker engine unreachable at ${where}: ${errorMessage(error)}. Start it (npm start does, as root) and retry.` };
  }
}
