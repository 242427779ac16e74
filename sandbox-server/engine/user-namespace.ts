// SLIPWAY_ISOLATION=userns: the sandbox engine must remap user namespaces, and the host uid/gid a sandbox's
// root becomes is what its cgroups are delegated to. Found once at start-up.
import type Docker from 'dockerode';
import type { Config } from '../config.ts';

/** The host ids of a sandbox's root. */
export interface Remap {
  uid: number;
  gid: number;
}

const TRUSTED_FIX = 'or set SLIPWAY_ISOLATION=trusted on a single-user machine';

export async function sandboxRemap(docker: Docker, config: Pick<Config, 'SLIPWAY_ISOLATION' | 'SLIPWAY_SANDBOX_ENGINE'>): Promise<Remap | undefined> {
  if (config.SLIPWAY_ISOLATION !== 'userns') return undefined;
  const info = (await docker.info()) as { SecurityOptions?: string[]; DockerRootDir?: string; CgroupDriver?: string };
  // A remapping engine keeps its data under "<data-root>/<uid>.<gid>".
  const ids = /\/(\d+)\.(\d+)$/.exec(info.DockerRootDir ?? '');
  if (!info.SecurityOptions?.includes('name=userns') || !ids) {
    throw new Error(`SLIPWAY_ISOLATION=userns, but the engine at ${config.SLIPWAY_SANDBOX_ENGINE} does not remap user namespaces: start Slipway's sandbox engine (npm start as root does), ${TRUSTED_FIX}.`);
  }
  if (process.getuid?.() !== 0) throw new Error(`SLIPWAY_ISOLATION=userns needs the server to run as root (it delegates each sandbox's cgroups to its remapped root): run it as root, ${TRUSTED_FIX}.`);
  if (info.CgroupDriver !== 'cgroupfs') throw new Error(`the sandbox engine uses the ${info.CgroupDriver} cgroup driver: start it with --exec-opt native.cgroupdriver=cgroupfs (Slipway delegates /sys/fs/cgroup/.../docker/<id>), ${TRUSTED_FIX}.`);
  return { uid: Number(ids[1]), gid: Number(ids[2]) };
}
