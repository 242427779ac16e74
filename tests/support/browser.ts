// Debian's Chromium driven by playwright-core (never a downloaded browser build).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Where e2e tests write screenshots (gitignored). */
export const ARTIFACTS = 'tests/artifacts';

const SHIM_SOURCE = fileURLToPath(new URL('./no-netlink.c', import.meta.url));
const SHIM = '.slipway/test-browser/no-netlink.so';

/**
 * The preload that keeps Chromium from aborting loads whenever a sandbox adds or removes a network interface
 * (no-netlink.c), built once with the C compiler; without one, Chromium runs as it is and says so.
 */
function networkChangeShim(): string | undefined {
  if (existsSync(SHIM) && statSync(SHIM).mtimeMs >= statSync(SHIM_SOURCE).mtimeMs) return SHIM;
  try {
    mkdirSync('.slipway/test-browser', { recursive: true });
    // Built aside and renamed: test files launch their browsers at the same time.
    const built = `${SHIM}.${process.pid}`;
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', built, SHIM_SOURCE, '-ldl'], { stdio: 'pipe' });
    renameSync(built, SHIM);
    return SHIM;
  } catch (error) {
    console.warn(`test browser: no network-change shim (${(error as Error).message.split('\n')[0]}): pages may fail with ERR_NETWORK_CHANGED while sandboxes start; install gcc to avoid it`);
    return undefined;
  }
}

export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: run the tests with npm test (it installs Debian's chromium) or set SLIPWAY_CHROMIUM`);
  const shim = networkChangeShim();
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    ...(shim ? { env: { ...process.env, LD_PRELOAD: `${process.cwd()}/${SHIM}` } } : {}),
  });
}

/** One Chromium for a test file: launched before its tests (the artifacts folder made), closed after them. */
export function browserForThisFile(onLaunch: (browser: Browser) => void): void {
  let launched: Browser | undefined;
  before(async () => {
    launched = await launchBrowser();
    await mkdir(ARTIFACTS, { recursive: true });
    onLaunch(launched);
  });
  after(async () => {
    await launched?.close();
  });
}
