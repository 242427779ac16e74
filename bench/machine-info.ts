// What the numbers were measured on: they only compare within one machine, so the report says which.
import { access } from 'node:fs/promises';
import os from 'node:os';
import type Docker from 'dockerode';
import { round } from './stats.ts';

export async function machineInfo(docker: Docker, privilegedSandboxes: boolean) {
  const info = (await docker.info()) as { ServerVersion?: string; Driver?: string; CgroupVersion?: string; KernelVersion?: string; OperatingSystem?: string };
  const cgroupV2 = await access('/sys/fs/cgroup/cgroup.controllers').then(() => true, () => false);
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    kernel: info.KernelVersion ?? os.release(),
    os: info.OperatingSystem,
    node: process.version,
    engine: info.ServerVersion,
    storageDriver: info.Driver,
    cgroup: info.CgroupVersion ? `v${info.CgroupVersion}` : cgroupV2 ? 'v2' : 'v1',
    privilegedSandboxes,
  };
}
