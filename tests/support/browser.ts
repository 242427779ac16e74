// Debian's Chromium driven by playwright-core (never a downloaded browser build).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}: run the tests with npm test (it installs Debian's chromium) or set SLIPWAY_CHROMIUM`);
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
