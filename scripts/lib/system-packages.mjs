// @ts-check
// Installs Debian packages when Slipway may (root on Debian/Ubuntu); elsewhere says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fail, say } from './say.mjs';

export const canUseApt = () => process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

/** @param {string} name */
export const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

let updated = false;

/**
 * Ensures `command` exists, installing `packages` with apt-get if needed; `why` completes "needed for …".
 * @param {string} command
 * @param {string[]} packages
 * @param {string} why
 */
export function ensureCommand(command, packages, why) {
  if (hasCommand(command)) return;
  if (!canUseApt()) fail(`${command} is missing (needed for ${why}): install ${packages.join(' ')} and run this again.`);
  say(`${command} is missing (needed for ${why}): installing ${packages.join(' ')} with apt-get`);
  install(packages);
}

/** @param {string[]} packages */
function install(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    run('apt-get', ['update', '-q'], env);
    updated = true;
  }
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], env);
}

/**
 * Ensures `file` exists (a package without a command, such as fonts), installing `packages` with apt-get if needed.
 * @param {string} file
 * @param {string[]} packages
 * @param {string} why
 */
export function ensureFile(file, packages, why) {
  if (existsSync(file)) return;
  if (!canUseApt()) fail(`${file} is missing (needed for ${why}): install ${packages.join(' ')} and run this again.`);
  say(`${file} is missing (needed for ${why}): installing ${packages.join(' ')} with apt-get`);
  install(packages);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status}); fix the error above and run this again.`);
}
