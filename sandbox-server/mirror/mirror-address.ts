// Which registry the sessions' engines pull through (SLIPWAY_REGISTRY_MIRROR): with `auto`, the kit's
// mirror container (started again if it was stopped). Without one, sessions still start, but can only pull
// what an outside registry serves them.
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { errorMessage, log } from '../logger.ts';
import { MIRROR_CONTAINER } from './mirror-names.ts';

export async function resolveMirror(docker: Docker, config: Pick<Config, 'SLIPWAY_REGISTRY_MIRROR'>): Promise<string | undefined> {
  const setting = config.SLIPWAY_REGISTRY_MIRROR;
  if (setting === 'off') return undefined;
  if (setting !== 'auto') return setting.replace(/\/+$/, '');
  try {
    const container = docker.getContainer(MIRROR_CONTAINER);
    const info = await container.inspect();
    if (!info.State.Running) await container.start();
    const binding = info.HostConfig.PortBindings?.['5000/tcp']?.[0] as { HostIp?: string; HostPort?: string } | undefined;
    if (!binding?.HostIp || !binding.HostPort) throw new Error('it publishes no port');
    return `http://${binding.HostIp}:${binding.HostPort}`;
  } catch (error) {
    log.warn('mirror.unavailable', { container: MIRROR_CONTAINER, reason: errorMessage(error).split('\n')[0], fix: 'run npm run images (or set SLIPWAY_REGISTRY_MIRROR)' });
    return undefined;
  }
}

/**
 * The inner engine's flags for pulling through `mirror`. A plain-HTTP mirror is also an insecure registry,
 * named WITH its scheme: the engine's own pulls drop it, and BuildKit (`docker build`) reads it as "plain
 * HTTP". Without it BuildKit parses `name:port` as a URL whose scheme is the name, loses the host and tries
 * HTTPS ("server gave HTTP response to HTTPS client"); only a bare IP address happens to survive.
 */
export function mirrorDockerdArgs(mirror: string | undefined): string[] {
  if (!mirror) return [];
  const url = new URL(mirror);
  return [`--registry-mirror ${url.origin}`, ...(url.protocol === 'http:' ? [`--insecure-registry ${url.origin}`] : [])];
}
