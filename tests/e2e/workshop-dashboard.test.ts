// An instructor creates a workshop in Chromium, a learner joins it in another browser context, and the
// dashboard ticks live as the learner completes a step; the instructor watches the learner's terminal
// read-only and broadcasts a message that appears on the lesson page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from '../../shared/i18n/ui-strings.ts';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { waitForReady } from '../support/lesson-page.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('e2e-workshop', { SLIPWAY_MAX_SESSIONS: '3' });
// Rendered as text, this must never become an element.
const NAME = '<img src=x onerror="window.pwned=1">';
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

/** The text of an xterm buffer, read in the page (the DOM rows lag the buffer by a frame). */
function bufferText(page: Page, which: 'lesson' | 'watch'): Promise<string> {
  return page.evaluate((target) => {
    const terminal = target === 'lesson' ? window.slipwayTerminal : window.slipwayDashboard?.watch?.terminal;
    if (!terminal) return '';
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < buffer.length; row += 1) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return lines.join('\n');
  }, which);
}

async function waitForText(page: Page, which: 'lesson' | 'watch', pattern: RegExp): Promise<void> {
  for (let tries = 0; tries < 150; tries += 1) {
    if (pattern.test(await bufferText(page, which))) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`the ${which} terminal never showed ${pattern}; it shows:\n${await bufferText(page, which)}`);
}

test('the dashboard ticks live as a learner completes a step, and watches their terminal read-only', async () => {
  const instructorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const instructor = await instructorContext.newPage();
  await instructor.goto(`${server.url}/workshops/new/`);
  await instructor.fill('input[name="title"]', 'Friday Docker lab');
  await instructor.fill('input[name="capacity"]', '2');
  await instructor.click('button[type="submit"]');
  await instructor.waitForSelector('[data-created]:not([hidden])');
  const code = (await instructor.textContent('[data-join-code]'))?.trim() ?? '';
  assert.match(code, /^[A-HJKMNP-Z2-9]{6}$/);
  const dashboardUrl = await instructor.getAttribute('[data-instructor-link]', 'href');
  if (!dashboardUrl?.includes('/workshops/dashboard/#workshop=')) assert.fail(`the instructor link carries its token in the fragment: ${dashboardUrl}`);
  await instructor.goto(dashboardUrl);
  await instructor.waitForFunction(() => window.slipwayDashboard?.state !== null && window.slipwayDashboard?.state !== undefined);
  assert.equal(await instructor.textContent('[data-workshop-code]'), code);

  const learnerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const learner = await learnerContext.newPage();
  await learner.goto(`${server.url}/workshops/join/?code=${code.toLowerCase()}`);
  // A name of spaces only is refused in a plain sentence (#18: it showed the raw schema error).
  await learner.fill('input[name="name"]', '   ');
  await learner.click('button[type="submit"]');
  await learner.waitForSelector('[data-form-error]:not([hidden])');
  assert.equal(await learner.textContent('[data-form-error]'), translate('en', 'workshop.nameRequired'));
  await learner.fill('input[name="name"]', NAME);
  await learner.click('button[type="submit"]');
  await learner.click('[data-joined-lessons] a');
  await waitForReady(learner);
  await waitForText(learner, 'lesson', /node1:~# $/m);

  // The learner shows up online, with their name as plain text.
  const row = instructor.locator('tr[data-learner]');
  await instructor.waitForFunction(() => document.querySelector('tr[data-learner] .learner-name:not([disabled])') !== null, undefined, { timeout: 30_000 });
  assert.equal(await row.locator('.learner-name').textContent(), NAME);
  assert.equal(await instructor.locator('.progress-table img').count(), 0, 'the name is not markup');
  assert.equal(await instructor.evaluate(() => (window as { pwned?: number }).pwned), undefined);
  assert.equal(await row.locator('[data-step="first-container/run-hello"]').getAttribute('data-state'), 'current');

  await learner.click('[data-terminal]');
  await learner.keyboard.type('docker run busybox echo "Hello from my first container"');
  await learner.keyboard.press('Enter');
  await learner.waitForFunction(() => window.slipwayStore?.getState().completed.includes('run-hello'), undefined, { timeout: 60_000 });
  // Pushed over the dashboard's websocket: no reload, no polling.
  await instructor.waitForSelector('tr[data-learner] [data-step="first-container/run-hello"][data-state="done"]', { timeout: 30_000 });
  assert.equal(await row.locator('[data-step="first-container/clean-up"]').getAttribute('data-state'), 'current');
  assert.equal(await instructor.locator('tfoot td.count').first().textContent(), '1');

  await row.locator('.learner-name').click();
  await waitForText(instructor, 'watch', /Hello from my first container/);
  await learner.keyboard.type('echo live-from-"learner"');
  await learner.keyboard.press('Enter');
  await waitForText(instructor, 'watch', /^live-from-learner$/m);

  // Typing into the watch terminal goes nowhere.
  await instructor.click('[data-watch-terminal]');
  await instructor.keyboard.type('echo typed-by-instructor');
  await instructor.keyboard.press('Enter');
  await learner.keyboard.type('echo after');
  await learner.keyboard.press('Enter');
  await waitForText(learner, 'lesson', /^after$/m);
  assert.doesNotMatch(await bufferText(learner, 'lesson'), /typed-by-instructor/);
  await instructor.screenshot({ path: `${ARTIFACTS}/workshop-dashboard.png`, fullPage: true });

  await instructor.fill('[data-broadcast-form] input[name="message"]', 'Break in 5 minutes');
  await instructor.click('[data-broadcast-form] button');
  await learner.waitForSelector('[data-broadcast]:not([hidden])', { timeout: 10_000 });
  assert.equal(await learner.textContent('[data-broadcast-text]'), 'Break in 5 minutes');
  // It must not cover the lesson for good: the learner dismisses it.
  await learner.click('[data-broadcast-dismiss]');
  await learner.waitForSelector('[data-broadcast]', { state: 'hidden' });
  // The name and status columns come first, so a wide table keeps them on screen.
  const headers = await instructor.locator('[data-progress-table] thead th').allTextContents();
  assert.deepEqual(headers.slice(0, 3), ['Learner', 'Status', 'On step for']);

  await learnerContext.close();
  await instructorContext.close();
});

test('the dashboard without its token says what link to use', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/workshops/dashboard/`);
  assert.match((await page.textContent('[data-dashboard-status]')) ?? '', /instructor link/);
  await page.close();
  // A new page: changing only the fragment would not load the page again.
  const wrong = await browser.newPage();
  await wrong.goto(`${server.url}/workshops/dashboard/#workshop=nope-nope&token=${'x'.repeat(43)}`);
  await wrong.waitForFunction(() => document.querySelector('[data-dashboard-status]')?.getAttribute('data-state') === 'error');
  assert.match((await wrong.textContent('[data-dashboard-status]')) ?? '', /No such workshop/);
  await wrong.close();
});
