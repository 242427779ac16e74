// The Debian bases images build on: the official image when a registry answers, else a local one
// bootstrapped from Debian packages (debootstrap + docker import). The choice is printed. The image kit
// builds on bookworm; the sandbox image on trixie, whose docker.io (26) has BuildKit, buildx and Compose v2.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import { ensureCommand } from '../../scripts/lib/system-packages.mjs';
import { errorMessage } from '../../sandbox-server/logger.ts';

export type DebianSuite = 'bookworm' | 'trixie';
const officialBase = (suite: DebianSuite) => `debian:${suite}`;
const localBase = (suite: DebianSuite) => `slipway/debian-base:${suite}`;
const MIRROR = process.env.SLIPWAY_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

type Say = (line: string) => void;

export const imageExists = (docker: Docker, name: string) => docker.getImage(name).inspect().then(() => true, () => false);

// Concurrent builds on the same suite share one answer (one debootstrap per suite at most).
const resolving = new Map<DebianSuite, Promise<string>>();

export function resolveBaseImage(docker: Docker, say: Say, suite: DebianSuite = 'bookworm'): Promise<string> {
  let promise = resolving.get(suite);
  if (!promise) {
    promise = resolve(docker, say, suite);
    resolving.set(suite, promise);
  }
  return promise;
}

/** Whether the base came from a registry: then the kit pulls official images too. */
export const isOnline = (base: string) => base.startsWith('debian:');

async function resolve(docker: Docker, say: Say, suite: DebianSuite): Promise<string> {
  const official = officialBase(suite);
  const local = localBase(suite);
  if (await imageExists(docker, official)) return official;
  try {
    say(`pulling ${official}…`);
    await pull(docker, official);
    say(`base: ${official} from the registry`);
    return official;
  } catch (error) {
    say(`no registry reachable (${errorMessage(error).split('\n')[0]?.slice(0, 100)}): using a local Debian ${suite} base`);
  }
  if (!(await imageExists(docker, local))) await bootstrapBase(docker, say, suite);
  else say(`base: ${local} (built earlier on this machine)`);
  return local;
}

export async function pull(docker: Docker, name: string): Promise<void> {
  const stream = await docker.pull(name);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function bootstrapBase(docker: Docker, say: Say, suite: DebianSuite): Promise<void> {
  ensureCommand('debootstrap', ['debootstrap'], 'building the sandbox base image without a registry');
  const work = await mkdtemp(path.join(tmpdir(), 'slipway-rootfs-'));
  const rootfs = path.join(work, 'rootfs');
  try {
    say(`debootstrap ${suite} from ${MIRROR} (about a minute)…`);
    await runWithProgress('debootstrap', ['--variant=minbase', suite, rootfs, MIRROR], say);
    say(`importing the root filesystem as ${localBase(suite)}…`);
    const tar = spawn('tar', ['-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo = '', tag = ''] = localBase(suite).split(':');
    const stream = await docker.importImage(tar.stdout, { repo, tag });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()));
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs a command, printing each new phase of its "I: <Phase> …" lines once, with a count. */
function runWithProgress(command: string, args: string[], say: Say): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let lastPhase = '';
    let count = 0;
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      const phaseName = /^I: (\w+)/.exec(line)?.[1] ?? '';
      count += 1;
      if (phaseName && phaseName !== lastPhase) {
        lastPhase = phaseName;
        say(`  ${line.slice(3, 90)}  (${count} lines so far)`);
      }
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${tail.join('\n')}`))));
  });
}
