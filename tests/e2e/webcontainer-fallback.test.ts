// A `runtime: webcontainer` lesson in Chromium on a machine that reaches no StackBlitz server (these test
// machines, an air-gapped classroom): the page is cross-origin isolated and tries the WebContainer, which
// cannot load; it says so in one sentence and runs the same lesson in its node:22 sandbox, where the terminal,
// Apply to file, the ports list and the step checks work as in any lesson. The online path (a WebContainer that
// boots) cannot run here: README "WebContainer lessons" gives the manual check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { terminalText, typeCommand, waitForReady, waitForStep, waitForTerminal } from '../support/lesson-page.ts';
import { translate } from '../../shared/i18n/ui-strings.ts';

// Each `node` start in the sandbox takes seconds when every helper shares 2 cores: room for the node-based checks.
const server = serverForThisFile('e2e-webcontainer', { SLIPWAY_CHECK_TIMEOUT_S: '30' });
let browser: Browser;
browserForThisFile((launched) => (browser = launched));

const step = (id: string) => `section.step[data-step="${id}"] .step-body > .code-block`;

test('offline, a webcontainer lesson says why and runs in its sandbox: terminal, files, ports and checks', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const first = await page.goto(`${server.url}/lessons/app-before-docker/`);
  assert.equal(first?.headers()['cross-origin-embedder-policy'], 'require-corp', 'the page is served isolated, for the WebContainer');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);

  // The boot waits for StackBlitz's iframe, which never answers here, then the page moves to its fallback.
  await page.waitForURL(/\?runtime=docker&why=timeout$/, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => crossOriginIsolated), false, 'the fallback page is not isolated: previews and embeds work as in Docker lessons');
  await page.getByText(translate('en', 'runtime.fallback.timeout')).waitFor();
  await waitForReady(page);
  await waitForTerminal(page, (text) => /node1:~# $/m.test(text), 'the first prompt');

  // The same files as in the browser, in the project folder the shell starts in.
  await page.click('[data-terminal]');
  await typeCommand(page, 'ls && node --version');
  assert.match(await terminalText(page), /app\.js\s+app\.test\.js\s+package-lock\.json\s+package\.json\s+server\.js[\s\S]*v22\./);

  // npm start holds the prompt: the step ticks when its port opens, and the port is listed.
  await page.locator(`${step('run')} [data-action="run"]`).click();
  // npm and node take seconds each on a busy 2-core machine.
  await waitForTerminal(page, (text) => text.includes('listening on http://localhost:3000'), 'the server listening', 600);
  await waitForStep(page, 'run').catch(async (error: unknown) => {
    assert.fail(`step run did not tick (${String(error)}); its last check: ${JSON.stringify(await page.evaluate(() => window.slipwayStore?.getState().checks.run))}`);
  });
  await page.click('[data-tab="ports"]');
  const link = page.locator('[data-ports-list] a[data-port="node1:3000"]');
  await link.waitFor();
  const href = await link.getAttribute('href');
  const preview = await context.newPage();
  await preview.goto(new URL(href ?? '', server.url).href);
  assert.match((await preview.textContent('body')) ?? '', /"message":"Hello from Node"/);
  await preview.close();

  // Apply to file writes into the sandbox, and a saved file is checked at once.
  await page.locator(`${step('change')} [data-action="apply"]`).click();
  await waitForStep(page, 'change');
  await page.click('[data-tab="node1"]');
  // node --watch clears the screen when the old server takes over 500 ms to stop (a busy machine) and then says
  // "Gracefully restarted" instead of "Restarting": either is the restart.
  await waitForTerminal(page, (text) => /(Restarting|Gracefully restarted) 'server\.js'/.test(text), 'node --watch restarting the server', 600);

  // The test now fails (it expects the old message); the updated test passes.
  await page.locator(`${step('test')} [data-action="run"]`).first().click();
  await waitForTerminal(page, (text) => /ℹ fail 1/.test(text), 'the failing test run', 600);
  assert.equal(await page.evaluate(() => window.slipwayStore?.getState().completed.includes('test')), false);
  await page.locator(`${step('test')} [data-action="apply"]`).click();
  // node --test in the check, after the check of the failing run that may still be going: slow on a busy machine.
  await page.waitForFunction(() => window.slipwayStore?.getState().completed.includes('test'), undefined, { timeout: 120_000 });
  assert.equal(await page.isVisible('[data-finish-banner]'), true);
  await page.screenshot({ path: `${ARTIFACTS}/webcontainer-fallback.png` });
  await context.close();
});

test('attacker: a hand-made reason in the fallback URL shows a known sentence, never its own text', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/lessons/app-before-docker/?runtime=docker&why=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`);
  await page.getByText(translate('en', 'runtime.fallback.timeout')).waitFor();
  await waitForReady(page); // its sandbox, started before the page closes, is the server's to remove
  assert.equal(await page.locator('main img[src="x"]').count(), 0);
  assert.doesNotMatch(await page.content(), /onerror=alert/);
  await page.close();
});
