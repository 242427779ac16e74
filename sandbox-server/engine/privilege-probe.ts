// Decides once at start-up whether sandboxes can run --privileged. Some hosts (like our CI) lack
// CAP_SYS_RESOURCE in their bounding set and refuse it; there sandboxes get an explicit capability set.
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import { errorMessage, log } from '../logger.ts';

export async function canRunPrivileged(docker: Docker, config: Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_PRIVILEGED' | 'SLIPWAY_RUNTIME'>): Promise<boolean> {
  if (config.SLIPWAY_PRIVILEGED !== 'auto') return config.SLIPWAY_PRIVILEGED === 'always';
  if (config.SLIPWAY_RUNTIME === 'sysbox-runc') return false; // sysbox needs neither --privileged nor capabilities
  let probe: Docker.Container | undefined;
  try {
    // An engine that refuses --privileged may already say so here (a user-namespaced one answers 400).
    probe = await docker.createContainer({
      Image: config.SLIPWAY_IMAGE,
      Entrypoint: ['true'],
      // The pid tells one process's probes from those of other servers on the same engine.
      Labels: { 'slipway.role': 'probe', 'slipway.pid': String(process.pid) },
      // A tmpfs where the image declares VOLUME /var/lib/docker: no anonymous volume is created to leak.
      HostConfig: { ...(config.SLIPWAY_RUNTIME ? { Runtime: config.SLIPWAY_RUNTIME } : {}), Privileged: true, Tmpfs: { '/var/lib/docker': '' } },
    });
    await probe.start();
    await probe.wait();
    return true;
  } catch (error) {
    log.info('engine.privileged_refused', { reason: errorMessage(error).slice(0, 200) });
    return false;
  } finally {
    await probe?.remove({ force: true, v: true }).catch(() => undefined);
  }
}
