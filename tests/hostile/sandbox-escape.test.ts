// A hostile learner in their sandbox's shell, and again from a container they start inside it with every
// capability and no seccomp profile, tries what would reach the host: host-global kernel settings (also
// through a fresh procfs), the clock, the kernel log, the host's disks, the page cache, the sandbox's own
// limits, kernel modules, sysrq, host services and the cloud metadata address over IPv4 and IPv6, pushing to
// the registry mirror. Every attempt must be refused. Runs against whatever SLIPWAY_ISOLATION/SLIPWAY_RUNTIME
// say, so an operator can check their own host (with SLIPWAY_ISOLATION=trusted most attempts escape).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteSession } from '../support/api-client.ts';
import { assertAllRefused, hostileServer, hostileSession, runAttempts, shellOutput } from '../support/hostile.ts';
import { connectDocker, connectHostEngine } from '../../sandbox-server/engine/docker.ts';

const setup = hostileServer('hostile');
const { server } = setup;

const KERNEL = ['core_pattern', 'core_pattern_fresh_procfs', 'sysrq_fresh_procfs', 'clock', 'dmesg', 'drop_caches', 'sysrq', /^read_block_device_/, 'raise_own_memory_limit', 'raise_own_pids_limit', 'load_kernel_module', 'uid_map_host_root', 'metadata_ipv4'];

async function environment(): Promise<string> {
  const mirror = server.app.host.registryMirror ? new URL(server.app.host.registryMirror).host : '';
  return `HOST_ADDRESSES='${(await setup.hostAddresses()).join(' ')}' HOST_PORT=${setup.hostPort()} BRIDGE_LL='${await setup.bridgeLinkLocal()}' MIRROR='${mirror}'`;
}

test('from the sandbox shell, and from an inner container with every capability, every escape attempt is refused', async () => {
  await server.ready;
  const { session, terminal } = await hostileSession(server);
  const env = await environment();
  const hosts = (await setup.hostAddresses()).map((address) => `host_port_${address}`);

  const fromShell = await runAttempts(terminal, `${env} sh /root/attempts.sh`);
  const expectedInShell = [...KERNEL, ...hosts, 'metadata_ipv6', ...(server.app.host.registryMirror ? ['push_to_mirror'] : [])];
  assertAllRefused(fromShell, expectedInShell, 'sandbox shell');

  // Every capability the sandbox holds (CAP_SYS_RESOURCE is not in its bounding set, so ALL alone fails).
  const inner = '--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined -v /root/attempts.sh:/attempts.sh:ro -e CONTEXT=inner -e HOST_ADDRESSES -e HOST_PORT';
  const fromInner = await runAttempts(terminal, `${env} docker run --rm ${inner} busybox sh /attempts.sh`);
  assertAllRefused(fromInner, [...KERNEL, ...hosts], 'inner container (all capabilities, seccomp unconfined)');

  terminal.close();
  await deleteSession(server.url, session);
});

test("the sandbox's docker socket is its own engine: neither the host's nor the sandbox engine's", async () => {
  await server.ready;
  const { session, terminal } = await hostileSession(server);
  const inside = (await shellOutput(terminal, "docker info --format 'id={{.ID}}'")).trim();
  const outside = await Promise.all([connectHostEngine(), connectDocker()].map(async (engine) => `id=${((await engine.info()) as { ID: string }).ID}`));
  assert.match(inside, /^id=\S+/);
  assert.ok(!outside.includes(inside), `the sandbox's engine ${inside} is none of ${outside.join(', ')}`);
  const names = await shellOutput(terminal, "docker ps -a --format '{{.Names}}'");
  assert.doesNotMatch(names, /slipway-/, 'no sandbox (its own included) is visible through its socket');
  terminal.close();
  await deleteSession(server.url, session);
});
