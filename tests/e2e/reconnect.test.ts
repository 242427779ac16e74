// The browser loses its terminal connection: it reconnects by itself to the same shell, and the screen is
// restored exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { openLesson, terminalText, waitForTerminal } from '../support/lesson-page.ts';

const server = serverForThisFile('e2e-reconnect');
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const waitForText = (page: Page, pattern: RegExp) => waitForTerminal(page, (text) => pattern.test(text), String(pattern));

test('a dropped connection comes back to the same shell with the screen shown once', async () => {
  const page = await browser.newPage();
  // Keep a handle on the page's sockets, as a flaky network would find them.
  await page.addInitScript(() => {
    const sockets: WebSocket[] = [];
    Object.assign(window, { __sockets: sockets });
    window.WebSocket = class extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets.push(this);
      }
    };
  });
  await openLesson(page, `${server.url}/lessons/first-container/`);
  await page.click('[data-terminal]');
  await page.keyboard.type('MARK=kept; echo "marker-$((6*7))"');
  await page.keyboard.press('Enter');
  await waitForText(page, /^marker-42$/m);

  await page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.at(-1)?.close(4000, 'network dropped'));
  await page.waitForFunction(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.length === 2, undefined, { timeout: 15_000 });
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ready', undefined, { timeout: 15_000 });
  await page.keyboard.type('echo "still-$MARK"');
  await page.keyboard.press('Enter');
  await waitForText(page, /^still-kept$/m);

  const text = await terminalText(page);
  assert.equal(text.split('\n').filter((line) => line === 'marker-42').length, 1, `restored exactly once:\n${text}`);
  assert.doesNotMatch(text, /new one in the same sandbox/, 'no "new shell" notice: it is the same shell');
  await page.close();
});
