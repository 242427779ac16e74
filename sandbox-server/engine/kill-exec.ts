// Ends an exec from the host. The engine has no API to stop an exec, and anything run inside the sandbox to
// do it (kill, sh) may have been replaced by the learner. The exec's host process id comes from the engine;
// before signalling it, its cgroup must name the sandbox, so a server in another process namespace (where that
// id means some other process) never signals a stranger.
import { readFile } from 'node:fs/promises';
import type Docker from 'dockerode';

/** The process and every descendant, children first found through /proc (the exec's own tree). */
async function processTree(pid: number): Promise<number[]> {
  const tree = [pid];
  for (let index = 0; index < tree.length && tree.length < 4096; index += 1) {
    const children = await readFile(`/proc/${tree[index]}/task/${tree[index]}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ')) if (/^\d+$/.test(child)) tree.push(Number(child));
  }
  return tree;
}

/** Signals the exec's process tree; false when that cannot be done from here (the exec has ended, or another host). */
export async function killExec(exec: Docker.Exec, containerId: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<boolean> {
  const info = await exec.inspect().catch(() => undefined);
  const pid = info?.Pid ?? 0;
  if (!info?.Running || pid <= 0) return false;
  const cgroup = await readFile(`/proc/${pid}/cgroup`, 'utf8').catch(() => '');
  if (!cgroup.includes(containerId)) return false;
  const tree = await processTree(pid);
  let signalled = false;
  for (const member of tree) {
    try {
      process.kill(member, signal);
      signalled = true;
    } catch {
      // already gone, or not ours to signal
    }
  }
  return signalled;
}
