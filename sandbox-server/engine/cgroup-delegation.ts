// Before a user-namespaced sandbox starts, its own cgroups are created on the host and handed to its
// remapped root, so its entrypoint can mount them and its inner engine can make child cgroups. Only the
// directory and the files that create children or move processes are handed over, never the limit files:
// the sandbox's own memory/pids/cpu limits stay the host's. The engine removes the tree with the container.
import { chown, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Remap } from './user-namespace.ts';

// cgroup v1 hierarchies (cgroup.threads only where cgroup2 is mounted among them); v2 needs the last three.
const DELEGATED_FILES = ['cgroup.procs', 'tasks', 'cgroup.clone_children', 'cgroup.subtree_control', 'cgroup.threads'];

const exists = (file: string) => lstat(file).then(() => true, () => false);

/** The cgroup directories the engine (cgroupfs driver, parent "docker") will use for `containerId`. */
export async function sandboxCgroupDirs(containerId: string, root = '/sys/fs/cgroup'): Promise<string[]> {
  if (await exists(path.join(root, 'cgroup.controllers'))) return [path.join(root, 'docker', containerId)]; // cgroup v2 (not testable on the v1 hosts here)
  const dirs: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    // Co-mounted controllers appear once as a directory (cpu,cpuacct) and again as symlinks to it.
    if (entry.isDirectory()) dirs.push(path.join(root, entry.name, 'docker', containerId));
  }
  return dirs;
}

export async function delegateCgroups(containerId: string, owner: Remap, root = '/sys/fs/cgroup'): Promise<void> {
  for (const dir of await sandboxCgroupDirs(containerId, root)) {
    await mkdir(dir, { recursive: true });
    await chown(dir, owner.uid, owner.gid);
    for (const file of DELEGATED_FILES) {
      const target = path.join(dir, file);
      if (await exists(target)) await chown(target, owner.uid, owner.gid);
    }
  }
}
