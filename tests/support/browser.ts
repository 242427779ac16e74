// Debian's Chromium driven by playwright-core (never a downloaded browser build).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

/** Where e2e tests write screenshots (gitignored). */
export const ARTIFACTS = 'tests/artifacts';

export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: run the tests with npm test (it installs Debian's chromium) or set SLIPWAY_CHROMIUM`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
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
