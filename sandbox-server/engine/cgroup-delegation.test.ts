import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { delegateCgroups } from './cgroup-delegation.ts';

const owner = { uid: 300_000, gid: 300_001 };

test('cgroup v1: each hierarchy directory is created and handed over with its child and process files, never the limits', { skip: process.getuid?.() !== 0 && 'chown needs root' }, async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-cgroup-'));
  try {
    // What the kernel would create with the directory, faked ahead of time; a co-mounted hierarchy's alias link.
    const memory = path.join(root, 'memory', 'docker', 'abc');
    await mkdir(memory, { recursive: true });
    for (const file of ['cgroup.procs', 'tasks', 'memory.limit_in_bytes']) await writeFile(path.join(memory, file), '');
    await mkdir(path.join(root, 'cpu,cpuacct'));
    await symlink('cpu,cpuacct', path.join(root, 'cpu'));
    await delegateCgroups('abc', owner, root);
    for (const owned of [memory, path.join(memory, 'cgroup.procs'), path.join(memory, 'tasks'), path.join(root, 'cpu,cpuacct', 'docker', 'abc')]) {
      const info = await stat(owned);
      assert.deepEqual([info.uid, info.gid], [owner.uid, owner.gid], owned);
    }
    assert.equal((await stat(path.join(memory, 'memory.limit_in_bytes'))).uid, 0, 'the limit file stays root\'s');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('cgroup v2: the one directory under docker/ is handed over', { skip: process.getuid?.() !== 0 && 'chown needs root' }, async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-cgroup2-'));
  try {
    await writeFile(path.join(root, 'cgroup.controllers'), 'cpu memory pids');
    const dir = path.join(root, 'docker', 'abc');
    await mkdir(dir, { recursive: true });
    for (const file of ['cgroup.procs', 'cgroup.subtree_control', 'memory.max']) await writeFile(path.join(dir, file), '');
    await delegateCgroups('abc', owner, root);
    assert.equal((await stat(path.join(dir, 'cgroup.subtree_control'))).uid, owner.uid);
    assert.equal((await stat(path.join(dir, 'memory.max'))).uid, 0);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
