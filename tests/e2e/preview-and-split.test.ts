// The workspace's preview pane and split view in Chromium: a published port shows its app beside the lesson
// (address bar, reload, new tab, the container named in the ports list), and the split view runs two shells
// side by side. Screenshots (light, dark, phone) land in tests/artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { endKnownSessions, openLesson, typeCommand, waitForTerminal } from '../support/lesson-page.ts';

const server = serverForThisFile('e2e-preview-split');
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const SERVE =
  `mkdir -p /srv/www && echo '<h1>hello-preview</h1><a href="page.html">next</a>' > /srv/www/index.html && ` +
  `echo '<h1>second-page</h1>' > /srv/www/page.html && ` +
  `docker run -d --name web -p 8080:80 -v /srv/www:/www busybox httpd -f -p 80 -h /www >/dev/null`;

for (const scheme of ['light', 'dark'] as const) {
  test(`a published port previews beside the lesson and the split view runs two shells (${scheme})`, async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    await openLesson(page, `${server.url}/lessons/first-container/`);
    await page.click('[data-terminal]');
    await typeCommand(page, SERVE);

    await page.click('[data-tab="ports"]');
    const port = page.locator('[data-ports-list] li', { hasText: 'node1:8080' });
    await port.waitFor({ timeout: 30_000 });
    assert.match((await port.textContent()) ?? '', /from container web/, 'the ports list names the container');
    await port.locator('[data-preview-port="node1:8080"]').click();

    const frame = page.frameLocator('[data-preview-frame]');
    await frame.locator('h1', { hasText: 'hello-preview' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getAttribute('[data-tab="preview"]', 'aria-selected'), 'true');
    const external = await page.getAttribute('[data-preview-external]', 'href');
    assert.match(external ?? '', /\/preview\/[\w-]+\/node1\/8080\/\?token=/, 'open in new tab uses the server\'s preview address');
    await page.fill('[data-preview-path]', '/page.html');
    await page.click('[data-preview-form] button[type="submit"]');
    await frame.locator('h1', { hasText: 'second-page' }).waitFor({ timeout: 30_000 });
    await page.click('[data-preview-reload]');
    await frame.locator('h1', { hasText: 'second-page' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/workspace-preview-${scheme}.png` });

    await page.click('[data-tab="split"]');
    const right = page.locator('[data-terminal][data-node="node1/2"]');
    await right.waitFor({ state: 'visible' });
    assert.equal(await page.locator('[data-terminal][data-node="node1"]').isVisible(), true, 'node1 stays on the left');
    await page.waitForFunction(() => document.querySelector('[data-terminal][data-node="node1/2"]')?.getAttribute('data-state') === 'ready', undefined, { timeout: 30_000 });
    await right.click();
    await page.keyboard.type('echo "right-$((40+2))"');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-terminal][data-node="node1/2"]')?.textContent?.includes('right-42'), undefined, { timeout: 30_000 });
    await waitForTerminal(page, (text) => !text.includes('right-42'), 'node1\'s own shell, untouched by the right one');
    await page.screenshot({ path: `${ARTIFACTS}/workspace-split-${scheme}.png` });
    await endKnownSessions(page);
    await context.close();
  });
}

test('on a phone the lesson says up front that the terminal needs a wider screen', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/lessons/first-container/`);
  const note = page.locator('.phone-note');
  await note.waitFor({ state: 'visible' });
  const box = await note.boundingBox();
  assert.ok(box && box.y < 844, `the note is on the first screen (at ${box?.y} px)`);
  await page.screenshot({ path: `${ARTIFACTS}/workspace-phone.png` });
  await context.close();
});

test('the catalog searches titles, summaries and topics, with the topics folded away', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(server.url);
  assert.equal(await page.isVisible('.tag-filter label[for="filter-all"]'), false, 'topics folded by default');
  const visible = () => page.locator('.lesson-card:visible').count();
  const all = await visible();
  await page.fill('[data-catalog-search]', 'swarm');
  await page.waitForFunction(() => !document.querySelector('[data-search-status]')?.hasAttribute('hidden'));
  const found = await visible();
  assert.ok(found >= 1 && found < all, `swarm narrows ${all} lessons to ${found}`);
  assert.match((await page.locator('.lesson-card:visible').first().textContent()) ?? '', /swarm/i);
  await page.fill('[data-catalog-search]', 'nothing-like-this');
  assert.equal(await visible(), 0);
  assert.match((await page.textContent('[data-search-status]')) ?? '', /^0 lesson/);
  await page.screenshot({ path: `${ARTIFACTS}/catalog-search-phone.png` });
  await context.close();
});

test('an unknown page is a real 404 page with the way back, for browsers; the API still answers JSON', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.url}/lessons/no-such-lesson/`);
  assert.equal(response?.status(), 404);
  assert.equal(await page.textContent('h1'), 'Page not found');
  await page.click('a[href="/"]');
  await page.waitForSelector('.lesson-card');
  await page.close();
  const api = await fetch(`${server.url}/no-such-page`, { headers: { accept: 'application/json' } });
  assert.equal(api.status, 404);
  assert.deepEqual(await api.json(), { error: 'Not found.' });
});
