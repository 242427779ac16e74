// A learner opens the first lesson in Chromium, types each step's commands into the terminal, and watches
// every step tick by itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';

const ARTIFACTS = 'tests/artifacts';
const server = serverForThisFile('e2e-first');
let browser: Browser;

before(async () => {
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** The terminal's text as xterm holds it (the DOM rows lag the buffer by a frame). */
const terminalText = (page: Page) =>
  page.evaluate(() => {
    const terminal = window.slipwayTerminal;
    if (!terminal) return '';
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < buffer.length; row += 1) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return lines.join('\n');
  });

async function waitForTerminal(page: Page, pattern: RegExp): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    if (pattern.test(await terminalText(page))) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`the terminal never showed ${pattern}; it shows:\n${await terminalText(page)}`);
}

const PROMPT = /^node1:~# /gm;

/** Types a command and waits for the next prompt, as a person would before typing on. */
async function typeCommand(page: Page, command: string): Promise<void> {
  const prompts = (await terminalText(page)).match(PROMPT)?.length ?? 0;
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await waitForTerminal(page, { test: (text: string) => (text.match(PROMPT)?.length ?? 0) > prompts } as RegExp);
}

const waitForStep = (page: Page, step: string) =>
  page.waitForFunction((id) => window.slipwayStore?.getState().completed.includes(id), step, { timeout: 30_000 });

test('every step of "Your first container" ticks as the learner types', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/lessons/first-container/`);
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ready', undefined, { timeout: 30_000 });
  await page.click('[data-terminal]');
  await waitForTerminal(page, /node1:~# $/m);

  await typeCommand(page, 'docker run busybox echo "Hello from my first container"');
  await waitForStep(page, 'run-hello');
  assert.match(await terminalText(page), /^Hello from my first container$/m);
  assert.equal(await page.getAttribute('[data-step-item="run-hello"]', 'data-state'), 'done');
  assert.equal(await page.getAttribute('[data-step-item="clean-up"]', 'data-state'), 'current');

  await typeCommand(page, 'docker ps -a');
  await typeCommand(page, 'docker container prune -f');
  await waitForStep(page, 'clean-up');

  await typeCommand(page, "docker run -d --name ticker busybox sh -c 'while true; do date; sleep 1; done'");
  await waitForStep(page, 'detached');
  await typeCommand(page, 'docker logs ticker');

  await typeCommand(page, 'docker rm -f ticker');
  await waitForStep(page, 'stop-and-remove');

  assert.equal(await page.isVisible('[data-finish-banner]'), true, 'the finish banner shows');
  assert.equal(await page.textContent('[data-step-progress]').then((text) => text?.trim()), '4 of 4 steps done');
  assert.doesNotMatch(await terminalText(page), /7777;slipway/, 'the prompt marker never reaches the screen');
  await page.screenshot({ path: `${ARTIFACTS}/lesson-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${ARTIFACTS}/lesson-dark.png` });
  await page.close();
});

test('the catalog lists the lesson and links to it', async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  const link = page.locator('a[href="/lessons/first-container/"]');
  assert.equal(await link.count() > 0, true);
  assert.match((await page.textContent('main')) ?? '', /Your first container/);
  await page.screenshot({ path: `${ARTIFACTS}/catalog.png` });
  await page.close();
});
