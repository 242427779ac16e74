// @ts-check
// Makes sure a Docker engine answers. As root on Debian/Ubuntu with no engine, installs docker.io and starts
// dockerd (saying so); anywhere else, one line saying what to do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import http from 'node:http';
import { canUseApt, ensureCommand, hasCommand } from './system-packages.mjs';
import { fail, say } from './say.mjs';

const SOCKET = '/var/run/docker.sock';

/**
 * True when the engine answers GET /_ping (on DOCKER_HOST when it is a unix socket or tcp address).
 * @returns {Promise<boolean>}
 */
export function engineAnswers(timeoutMs = 2000) {
  const host = process.env.DOCKER_HOST;
  const target = !host || host.startsWith('unix://')
    ? { socketPath: host ? host.slice('unix://'.length) : SOCKET }
    : (() => {
        const url = new URL(host.replace(/^tcp:/, 'http:'));
        return { host: url.hostname, port: Number(url.port || 2375) };
      })();
  return answersPing(target, timeoutMs);
}

/**
 * True when a Docker engine at `target` (a unix socket or a TCP address) answers GET /_ping.
 * @param {{ socketPath: string } | { host: string; port: number }} target
 * @returns {Promise<boolean>}
 */
export function answersPing(target, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const request = http.get({ ...target, path: '/_ping', timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

export async function ensureEngine() {
  if (await engineAnswers()) return;
  const root = process.getuid?.() === 0;
  if (!root || process.env.DOCKER_HOST) {
    fail('no Docker engine answers: install Docker Engine 20.10+ (https://docs.docker.com/engine/install/), start it, and run this again.');
  }
  if (!hasCommand('dockerd')) {
    if (!canUseApt()) fail('no Docker engine here: install Docker Engine 20.10+ (https://docs.docker.com/engine/install/) and run this again.');
    say('no Docker engine found: installing docker.io and iptables with apt-get (one time)');
    ensureCommand('dockerd', ['docker.io', 'iptables'], 'the learners\' sandboxes');
  }
  startDockerd();
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (await engineAnswers()) return say('Docker engine is up');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail('dockerd did not answer within 60 s: see .slipway/dockerd.log.');
}

function startDockerd() {
  if (existsSync('/run/systemd/system') && spawnSync('systemctl', ['start', 'docker'], { stdio: 'ignore' }).status === 0) {
    return say('started the Docker engine with systemctl');
  }
  mkdirSync('.slipway', { recursive: true });
  const log = openSync('.slipway/dockerd.log', 'a');
  spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] }).unref();
  say('started dockerd in the background (log: .slipway/dockerd.log)');
}
