// The registry mirror every session's engine pulls from (--registry-mirror): a long-lived container on the
// engine sandboxes run on, published on the sandbox network's gateway address only and read-only there.
// Seeding pushes the kit from the host engine (where it is built) into its volume through a short-lived
// writable twin bound to the host's loopback. A mirror already
// seeded with the current image ids is reused untouched; it outlives server restarts (restart unless-stopped)
// and carries no sandbox label, so no reaper or leftover check ever counts it.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import type { KitResult } from '../image-builder/kit.ts';
import { inspectIfExists, type Say } from '../image-builder/build-image.ts';
import { errorMessage } from '../../sandbox-server/logger.ts';
import { networkGateway } from '../../sandbox-server/engine/sandbox-network.ts';
import type { Engines } from '../../sandbox-server/engine/docker.ts';
import { copyToSandboxEngine } from '../image-builder/copy-image.ts';
import { MIRROR_CONTAINER, MIRROR_IMAGE, MIRROR_PORT, MIRROR_ROLE, MIRROR_ROLE_LABEL, MIRROR_VOLUME, SEED_LABEL, mirrorRepository } from '../../sandbox-server/mirror/mirror-names.ts';

const SEEDER = `${MIRROR_CONTAINER}-seeder`;
const DOCKER_HUB = 'https://registry-1.docker.io';
const PUSH_ATTEMPTS = 3;
const PARALLEL_PUSHES = 2;

/** Returns the mirror's URL as sessions see it. The kit is built on the host engine; the mirror runs where sandboxes do. */
export async function ensureMirror(engines: Engines, kit: KitResult, network: string, say: Say, options: { force?: boolean } = {}): Promise<string> {
  const docker = engines.sandboxes;
  await copyToSandboxEngine(engines, MIRROR_IMAGE, say);
  const gateway = await networkGateway(docker, network);
  const networkId = (await docker.getNetwork(network).inspect()).Id as string;
  const url = `http://${gateway}:${MIRROR_PORT}`;
  const mirrorImageId = (await docker.getImage(MIRROR_IMAGE).inspect()).Id;
  const seeded = kit.images.filter(({ image }) => image.mirrored);
  const seed = createHash('sha256').update(JSON.stringify([seeded.map(({ image, id }) => [image.tags, id]), mirrorImageId, kit.online, networkId, gateway])).digest('hex');
  const existing = await inspectIfExists(docker.getContainer(MIRROR_CONTAINER));
  if (!options.force && existing?.Config.Labels?.[SEED_LABEL] === seed) {
    if (!existing.State.Running) await docker.getContainer(MIRROR_CONTAINER).start();
    await waitForRegistry(url);
    say(`registry mirror ${MIRROR_CONTAINER} at ${url} is up to date (${seed.slice(0, 12)})`);
    return url;
  }
  say(`seeding the registry mirror with ${seeded.length} images (${existing ? 'its images changed' : 'not running yet'})…`);
  await docker.createVolume({ Name: MIRROR_VOLUME, Labels: { [MIRROR_ROLE_LABEL]: MIRROR_ROLE } });
  await withSeeder(docker, (registry) => pushAll(engines.host, registry, seeded.flatMap(({ image }) => image.tags), say));
  if (existing) await docker.getContainer(MIRROR_CONTAINER).remove({ force: true });
  const container = await docker.createContainer({
    name: MIRROR_CONTAINER,
    Image: MIRROR_IMAGE,
    Labels: { [MIRROR_ROLE_LABEL]: MIRROR_ROLE, [SEED_LABEL]: seed },
    // Online it also caches whatever else sessions pull from Docker Hub.
    Env: kit.online ? [`REGISTRY_PROXY_REMOTEURL=${DOCKER_HUB}`] : [],
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: {
      NetworkMode: network,
      PortBindings: { '5000/tcp': [{ HostIp: gateway, HostPort: String(MIRROR_PORT) }] },
      RestartPolicy: { Name: 'unless-stopped' },
      Mounts: [{ Type: 'volume', Source: MIRROR_VOLUME, Target: '/var/lib/registry' }],
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '1' } },
    },
  });
  try {
    await container.start();
  } catch (error) {
    throw new Error(`registry mirror: could not publish ${url} (${errorMessage(error)}). Free port ${MIRROR_PORT} on ${gateway}, or set SLIPWAY_REGISTRY_MIRROR to a registry of your own.`);
  }
  await waitForRegistry(url);
  say(`registry mirror ${MIRROR_CONTAINER} serving ${url} (read-only${kit.online ? ', pull-through cache of Docker Hub' : ''})`);
  return url;
}

/** Runs `work` against a writable registry on the same volume, reachable only from this host. */
async function withSeeder(docker: Docker, work: (registry: string) => Promise<void>): Promise<void> {
  await docker.getContainer(SEEDER).remove({ force: true }).catch(() => undefined); // left by an interrupted run
  const seeder = await docker.createContainer({
    name: SEEDER,
    Image: MIRROR_IMAGE,
    Cmd: ['/etc/slipway-mirror/seed.yml'],
    Labels: { [MIRROR_ROLE_LABEL]: MIRROR_ROLE },
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: {
      PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      Mounts: [{ Type: 'volume', Source: MIRROR_VOLUME, Target: '/var/lib/registry' }],
    },
  });
  try {
    await seeder.start();
    const port = (await seeder.inspect()).NetworkSettings.Ports['5000/tcp']?.[0]?.HostPort;
    if (!port) throw new Error('the seeding registry got no port');
    // The host engine treats 127.0.0.0/8 registries as insecure (plain HTTP) without configuration.
    await waitForRegistry(`http://127.0.0.1:${port}`);
    await work(`127.0.0.1:${port}`);
  } finally {
    await seeder.remove({ force: true, v: false });
  }
}

async function pushAll(docker: Docker, registry: string, tags: string[], say: Say): Promise<void> {
  const queue = [...tags];
  const worker = async () => {
    for (let tag = queue.shift(); tag; tag = queue.shift()) {
      const { repo, tag: version } = mirrorRepository(tag);
      const target = `${registry}/${repo}:${version}`;
      const started = Date.now();
      await docker.getImage(tag).tag({ repo: `${registry}/${repo}`, tag: version });
      try {
        await pushWithRetry(docker, target);
      } catch (error) {
        throw new Error(`registry mirror: pushing ${tag} failed: ${errorMessage(error)}`);
      } finally {
        await docker.getImage(target).remove({ noprune: true }).catch(() => undefined); // only the temporary name
      }
      say(`  mirrored ${tag} as ${repo}:${version} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_PUSHES }, worker));
}

/**
 * Kit images share layers (nginx, redis and node all sit on debian:bookworm-slim), and the registry can answer
 * 500 when two pushes commit the same blob at once (seen on a cold CI run): a push is idempotent, so it is
 * tried again, a little later, before the run fails.
 */
async function pushWithRetry(docker: Docker, target: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await follow(docker, await docker.getImage(target).push({ authconfig: {} }));
    } catch (error) {
      if (attempt >= PUSH_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, events: { error?: string }[]) => {
      const failed = error?.message ?? events.find((event) => event.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    });
  });
}

/** Waits until the registry at `url` answers its API root. */
export async function waitForRegistry(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = errorMessage(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`registry at ${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}
