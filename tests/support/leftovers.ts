// What a server instance left behind on the engine: containers and the volumes they used.
import assert from 'node:assert/strict';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { listSandboxes } from '../../sandbox-server/engine/sandbox-container.ts';
import { listSessionNetworks } from '../../sandbox-server/engine/session-network.ts';

const docker = connectDocker();

export async function sandboxesOf(instance: string): Promise<string[]> {
  return (await listSandboxes(docker, instance)).map((info) => info.Id);
}

export async function volumesOfContainer(id: string): Promise<string[]> {
  const info = await docker.getContainer(id).inspect();
  return info.Mounts.filter((mount) => mount.Type === 'volume' && mount.Name).map((mount) => mount.Name as string);
}

export async function volumeExists(name: string): Promise<boolean> {
  return docker.getVolume(name).inspect().then(() => true, () => false);
}

export async function networksOf(instance: string): Promise<string[]> {
  return (await listSessionNetworks(docker, instance)).map((info) => info.Name);
}

export const uniqueInstance = (name: string) => `test-${name}-${process.pid}`;

/** Fails when a server instance left any sandbox (or a multi-node session's network) on the engine. */
export async function assertNoSandboxesLeft(instance: string): Promise<void> {
  assert.deepEqual(await sandboxesOf(instance), [], `server instance ${instance} left sandboxes behind`);
  assert.deepEqual(await networksOf(instance), [], `server instance ${instance} left session networks behind`);
}
