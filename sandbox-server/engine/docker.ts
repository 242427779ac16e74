// The host Docker engine, through dockerode (DOCKER_HOST is honoured, else /var/run/docker.sock).
import Docker from 'dockerode';
import { errorMessage } from '../logger.ts';

export function connectDocker(): Docker {
  return new Docker();
}

export type EngineStatus = { ok: true; version: string } | { ok: false; reason: string };

export async function engineStatus(docker: Docker): Promise<EngineStatus> {
  try {
    const version = await docker.version();
    return { ok: true, version: version.Version };
  } catch (error) {
    const where = process.env.DOCKER_HOST ?? '/var/run/docker.sock';
    return { ok: false, reason: `Docker engine unreachable at ${where}: ${errorMessage(error)}. Start Docker Engine and retry.` };
  }
}
