// The lesson page and the catalog as a learner sees them: the split resizes by keyboard and is remembered, the
// theme toggle overrides the system and is remembered, corrupt saved progress shows a notice instead of a crash,
// every connection state is one sentence with the action to take, and a phone gets the lesson alone.
// Screenshots of both pages in both themes go to tests/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { openLesson, waitForReady } from '../support/lesson-page.ts';

const server = serverForThisFile('e2e-workspace-ui');
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const lessonUrl = () => `${server.url}/lessons/first-container/`;
const paneWidth = (page: Page) => page.evaluate(() => document.querySelector('[data-lesson-pane]')?.getBoundingClientRect().width ?? 0);
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the split between lesson and workspace moves with the arrow keys and is remembered', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openLesson(page, lessonUrl());
  const separator = page.locator('[role="separator"][data-split-handle]');
  assert.equal(await separator.getAttribute('aria-valuenow'), '50');
  const wide = await paneWidth(page);

  await separator.focus();
  for (let press = 0; press < 5; press += 1) await page.keyboard.press('ArrowLeft');
  assert.equal(await separator.getAttribute('aria-valuenow'), '40');
  assert.ok((await paneWidth(page)) < wide - 100, 'the lesson pane got narrower');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await separator.getAttribute('aria-valuenow'), '50');
  await page.keyboard.press('Home');
  assert.equal(await separator.getAttribute('aria-valuenow'), '25', 'never narrower than a quarter');

  await page.reload();
  await waitForReady(page);
  assert.equal(await page.locator('[role="separator"][data-split-handle]').getAttribute('aria-valuenow'), '25', 'remembered across reloads');
  await page.keyboard.press('Tab'); // keyboard users reach the separator like any control
  await page.locator('[role="separator"][data-split-handle]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('[role="separator"][data-split-handle]').getAttribute('aria-valuenow'), '50', 'Enter goes back to half and half');

  // Ctrl+Shift+E moves focus from the lesson to the terminal and back.
  await page.locator('.step-item a').first().focus();
  await page.keyboard.press('Control+Shift+E');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-terminal]') !== null), true, 'focus in the terminal');
  await page.keyboard.press('Control+Shift+E');
  assert.equal(await page.evaluate(() => document.activeElement?.matches('.step-item a')), true, 'back where it was in the lesson');
  await page.close();
});

test('the theme follows the system until the learner picks one, which is remembered', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  await openLesson(page, lessonUrl());
  const light = await background(page);
  await page.screenshot({ path: `${ARTIFACTS}/lesson-light.png` });

  await page.emulateMedia({ colorScheme: 'dark' });
  const systemDark = await background(page);
  assert.notEqual(systemDark, light, 'a dark system gives a dark page');
  await page.emulateMedia({ colorScheme: 'light' });

  const toggle = page.locator('[data-theme-toggle]');
  // The toggle follows the system's change event, which lands a moment after the emulated switch back.
  await page.waitForFunction(() => document.querySelector('[data-theme-toggle]')?.getAttribute('aria-pressed') === 'false', undefined, { timeout: 5_000 }).catch(() => undefined);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await background(page), systemDark, 'the toggle gives the same dark theme as the system');
  await page.screenshot({ path: `${ARTIFACTS}/lesson-dark.png` });

  // Another page, after a reload: still dark although the system is light.
  const catalog = await context.newPage();
  await catalog.goto(server.url);
  assert.equal(await catalog.getAttribute('html', 'data-theme'), 'dark', 'set before first paint');
  await catalog.waitForSelector('[data-card-progress][data-filled="true"]');
  await catalog.screenshot({ path: `${ARTIFACTS}/catalog-dark.png`, fullPage: true });
  await catalog.locator('[data-theme-toggle]').click();
  assert.equal(await catalog.getAttribute('html', 'data-theme'), 'light');
  await catalog.screenshot({ path: `${ARTIFACTS}/catalog-light.png`, fullPage: true });
  await context.close();
});

test('corrupt saved progress and settings are dropped with a notice; the pages keep working', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    if (sessionStorage.getItem('corrupted')) return;
    sessionStorage.setItem('corrupted', 'yes');
    localStorage.setItem('slipway.progress', '{"version":1,"lessons":{"first-container":{"completed":"all of them"}}');
    localStorage.setItem('slipway.prefs', '{"theme":"sepia"}');
  });
  const catalog = await context.newPage();
  await catalog.goto(server.url);
  const notices = catalog.locator('[data-page-notice]');
  await notices.first().waitFor();
  await catalog.waitForSelector('[data-card-progress][data-filled="true"]');
  const text = (await notices.allTextContents()).join(' ');
  assert.match(text, /saved settings were unreadable/);
  assert.match(text, /progress saved in this browser was unreadable and has been removed \(1 item/);
  assert.equal(await catalog.getAttribute('.lesson-card[data-lesson-slug="first-container"]', 'data-state'), 'not-started');
  await catalog.screenshot({ path: `${ARTIFACTS}/catalog-corrupt-notice.png` });
  assert.equal(await notices.count(), 2);
  await notices.first().locator('button').click();
  assert.equal(await notices.count(), 1, 'a notice goes when dismissed');
  await context.close();

  // The lesson page on its own meets the corrupt progress first.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await fresh.addInitScript(() => {
    if (sessionStorage.getItem('corrupted')) return;
    sessionStorage.setItem('corrupted', 'yes');
    localStorage.setItem('slipway.progress', 'not json at all');
  });
  const page = await fresh.newPage();
  await openLesson(page, lessonUrl());
  assert.match((await page.textContent('[data-page-notice]')) ?? '', /progress saved in this browser was unreadable/);
  assert.equal(await page.getAttribute('[data-step-item="run-hello"]', 'data-state'), 'current', 'the lesson starts afresh');
  await fresh.close();
});

test('an unreachable server and an ended session each say what happened, with the button that helps', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // As if the network dropped: nothing under /api answers.
  await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await page.goto(lessonUrl());
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'unreachable');
  const notice = page.locator('[data-terminal-notice]');
  assert.match((await notice.textContent()) ?? '', /cannot be reached/);
  assert.equal(await notice.locator('button').textContent(), 'Try again');
  assert.equal(await page.textContent('[data-status-line]'), await notice.locator('p').textContent());
  await page.screenshot({ path: `${ARTIFACTS}/state-unreachable.png` });

  await page.unroute('**/api/**');
  await notice.locator('button').click();
  await waitForReady(page);
  assert.equal(await notice.isVisible(), false, 'the terminal is uncovered once connected');

  // The session ends on the server (as at its time limit): the page says so and offers a new sandbox.
  const session = await page.evaluate(() => window.slipwayStore?.getState().session);
  assert.ok(session);
  const ended = await fetch(`${server.url}/api/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } });
  assert.equal(ended.status, 204);
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ended');
  assert.match((await notice.textContent()) ?? '', /The session was deleted\. Your progress is kept\./, 'the server\'s reason');
  await notice.locator('button', { hasText: 'Start a new sandbox' }).click();
  await waitForReady(page);
  const next = await page.evaluate(() => window.slipwayStore?.getState().session?.id);
  assert.ok(next && next !== session.id, 'a new sandbox');
  await context.close();
});

test('on a phone the lesson reads alone and no sandbox is started', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const sessions: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/sessions') && request.method() === 'POST') sessions.push(request.url());
  });
  await page.goto(lessonUrl());
  await page.waitForFunction(() => window.slipwayStore !== undefined);
  assert.equal(await page.isVisible('.phone-note'), true);
  assert.equal(await page.isVisible('[data-terminal-area]'), false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px too wide)`);
  assert.deepEqual(sessions, []);
  await page.screenshot({ path: `${ARTIFACTS}/lesson-phone.png`, fullPage: false });
  await page.close();
});

test('a Chinese-speaking learner gets the interface in zh-CN, and can switch back', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-card-progress][data-filled="true"]');
  assert.equal(await page.textContent('[data-continue-label]'), '开始课程');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN', 'the interface\'s language');
  assert.match((await page.textContent('.lesson-card [data-card-progress]')) ?? '', /未开始/);
  await Promise.all([page.waitForEvent('load'), page.selectOption('[data-language-switch]', 'en')]);
  await page.waitForSelector('[data-card-progress][data-filled="true"]');
  assert.equal(await page.textContent('[data-continue-label]'), 'Start the course');
  await context.close();
});
