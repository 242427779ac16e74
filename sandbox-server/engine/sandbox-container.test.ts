import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostConfig } from './sandbox-container.ts';

const limits = { memoryBytes: 2 ** 30, cpus: 1, pids: 512 };

test('runc (the default): capabilities or --privileged, and no Runtime field', () => {
  const capabilities = hostConfig(false, limits);
  assert.equal(capabilities.Runtime, undefined);
  assert.deepEqual(capabilities.CapAdd, ['ALL']);
  assert.deepEqual(capabilities.DeviceCgroupRules, ['a *:* rwm']);
  assert.equal(capabilities.Privileged, undefined);
  assert.equal(hostConfig(true, limits).Privileged, true);
});

test('sysbox-runc: no privilege flags at all, the limits stay', () => {
  const sysbox = hostConfig(true, limits, 'sysbox-runc');
  assert.equal(sysbox.Runtime, 'sysbox-runc');
  for (const flag of ['Privileged', 'CapAdd', 'SecurityOpt', 'DeviceCgroupRules', 'MaskedPaths'] as const) assert.equal(sysbox[flag], undefined, flag);
  assert.equal(sysbox.PidsLimit, 512);
  assert.equal(sysbox.Memory, 2 ** 30);
});

test('other runtimes (gVisor, Kata) keep the DinD flags and set Runtime', () => {
  const gvisor = hostConfig(false, limits, 'runsc');
  assert.equal(gvisor.Runtime, 'runsc');
  assert.deepEqual(gvisor.CapAdd, ['ALL']);
});

test('user-namespaced: the DinD capabilities (held only in the namespace), never --privileged nor extra devices', () => {
  const userns = hostConfig(true, limits, '', true);
  assert.equal(userns.Privileged, undefined);
  assert.deepEqual(userns.CapAdd, ['ALL']);
  assert.equal(userns.DeviceCgroupRules, undefined);
  assert.equal(userns.CgroupnsMode, 'private');
});
