// A learner takes the first lesson in Chromium: once by typing, once using only the Run buttons. Steps tick by
// themselves, the finish panel says how long it took, and the progress survives a reload and a new tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { openLesson, promptCount, terminalText, typeCommand, waitForPrompt, waitForReady, waitForStep } from '../support/lesson-page.ts';

const server = serverForThisFile('e2e-first');
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const STEPS = ['run-hello', 'clean-up', 'detached', 'stop-and-remove'];

test('every step of "Your first container" ticks as the learner types', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openLesson(page, `${server.url}/lessons/first-container/`);
  await page.click('[data-terminal]');

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

  assert.equal(await page.isVisible('[data-finish-banner]'), true, 'the finish panel says the lesson is complete');
  assert.equal(await page.textContent('[data-step-progress]').then((text) => text?.trim()), '4 of 4 steps done');
  assert.doesNotMatch(await terminalText(page), /7777;slipway/, 'the prompt marker never reaches the screen');
  await page.close();
});

test('the whole lesson can be done with the Run buttons alone; progress survives a reload and a new tab', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await openLesson(page, `${server.url}/lessons/first-container/`);

  for (const step of STEPS) {
    // The step's own commands, not the ones inside its hint or solution.
    const runs = page.locator(`section.step[data-step="${step}"] .step-body > .code-block [data-action="run"]`);
    const count = await runs.count();
    assert.ok(count > 0, `step ${step} has Run buttons`);
    for (let index = 0; index < count; index += 1) {
      const before = await promptCount(page);
      await runs.nth(index).click();
      await waitForPrompt(page, before);
    }
    await waitForStep(page, step);
  }

  const panel = page.locator('[data-finish-panel]');
  assert.equal(await panel.getAttribute('data-finished'), 'true');
  assert.match((await page.textContent('[data-finish-time]')) ?? '', /^You finished every step in (under a minute|\d+ min)\.$/);
  assert.match((await panel.textContent()) ?? '', /What you learned/, 'the lesson summary is in the finish panel');
  assert.equal(await page.locator('[data-next-lesson]').count(), 1, 'a link to go on');
  await page.screenshot({ path: `${ARTIFACTS}/lesson-finished-light.png` });

  await page.reload();
  await page.waitForFunction(() => window.slipwayStore?.getState().completed.length === 4);
  assert.equal(await page.getAttribute('[data-finish-panel]', 'data-finished'), 'true', 'still finished after a reload');

  // A new tab has no session yet (sessionStorage is per tab): the ticks come from this browser's saved progress.
  const second = await context.newPage();
  await second.goto(`${server.url}/lessons/first-container/`);
  await second.waitForFunction(() => window.slipwayStore?.getState().completed.length === 4);
  assert.equal(await second.getAttribute('[data-step-item="stop-and-remove"]', 'data-state'), 'done');
  // Its own fresh sandbox starts anyway (and must be running before the test ends, to be cleaned up).
  await waitForReady(second);

  const catalog = await context.newPage();
  await catalog.goto(server.url);
  await catalog.waitForSelector('.lesson-card[data-lesson-slug="first-container"][data-state="finished"]');
  assert.match((await catalog.textContent('.lesson-card[data-lesson-slug="first-container"] [data-card-progress]')) ?? '', /Finished/);
  await context.close();
});

test('the catalog lists the lesson and links to it', async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  const link = page.locator('a[href="/lessons/first-container/"]');
  assert.equal(await link.count() > 0, true);
  assert.match((await page.textContent('main')) ?? '', /Your first container/);
  await page.close();
});
