// What a learner sees must be true: a reload keeps the shell and says "Reconnected" (a first visit says
// "Connected"); tabs and lessons never leak sandboxes into the per-client limit, and the learner can end
// their own; Reset keeps the ticks; a failing check is shown only once the learner acted on its step; paste
// works in the terminal. The server allows ONE session per client here, so any leak shows as a 429.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { endKnownSessions, openLesson, terminalText, typeCommand, waitForReady, waitForStep, waitForTerminal } from '../support/lesson-page.ts';
import { createWorkshop, instructorAuth, joinWorkshop } from '../support/workshop-client.ts';

const server = serverForThisFile('e2e-learner-trust', { SLIPWAY_SESSIONS_PER_CLIENT: '1' });
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const statusLine = (page: Page) => page.locator('[data-status-line]').textContent();
const sessionId = (page: Page) => page.evaluate(() => window.slipwayStore?.getState().session?.id ?? null);
const sessionAlive = async (page: Page, id: string): Promise<number> => {
  const known = await page.evaluate(() => localStorage.getItem('slipway.sessions') ?? '[]');
  const token = (JSON.parse(known) as { id: string; token: string }[]).find((session) => session.id === id)?.token ?? 'none';
  return (await fetch(`${server.url}/api/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;
};

/** Ends every sandbox the context's pages started (the server allows one per client): what a learner's "End" does. */
async function closeContext(page: Page): Promise<void> {
  // Also after a failed test: a sandbox left running would make every later test here a 429.
  await endKnownSessions(page).catch(() => undefined);
  await page.context().close().catch(() => undefined);
}

test('a reload gets the same shell back with its screen, and only then says Reconnected', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  t.after(() => closeContext(page));
  await openLesson(page, `${server.url}/lessons/first-container/`);
  assert.equal(await statusLine(page), 'Connected', 'a first visit is no reconnect');
  const first = await sessionId(page);
  await page.click('[data-terminal]');
  await typeCommand(page, 'MARK=kept; echo "marker-$((6*7))"');

  await page.reload();
  await waitForReady(page);
  await waitForTerminal(page, (text) => /^marker-42$/m.test(text), 'the screen from before the reload');
  assert.equal(await statusLine(page), 'Reconnected: your shell is as you left it.');
  assert.equal(await sessionId(page), first, 'the same sandbox');
  await page.click('[data-terminal]');
  await typeCommand(page, 'echo "still-$MARK"');
  assert.match(await terminalText(page), /^still-kept$/m, 'the same shell, its variables intact');
});

test('moving to another lesson ends the old sandbox first, at the per-client limit', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  t.after(() => closeContext(page));
  await openLesson(page, `${server.url}/lessons/first-container/`);
  const first = await sessionId(page);
  assert.ok(first);
  await openLesson(page, `${server.url}/lessons/images-and-layers/`);
  assert.notEqual(await sessionId(page), first);
  assert.equal(await sessionAlive(page, first), 404, 'the first lesson\'s sandbox was ended');
});

test('at the limit the page offers the learner\'s sandboxes, and ending one there lets this lesson start', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const first = await context.newPage();
  t.after(() => closeContext(first));
  await openLesson(first, `${server.url}/lessons/first-container/`);
  const second = await context.newPage();
  await second.goto(`${server.url}/lessons/images-and-layers/`);
  // The first tab is still open: its sandbox is in use, so the second cannot take it away by itself.
  await second.waitForFunction(() => window.slipwayStore?.getState().connection.action === 'sessions', undefined, { timeout: 30_000 });
  assert.match((await statusLine(second)) ?? '', /session/i);
  await second.click('[data-notice-action]');
  const item = second.locator('[data-sandboxes-list] [data-sandbox="first-container"]');
  await item.waitFor();
  await item.locator('button').click();
  await item.waitFor({ state: 'detached' });
  await second.click('[data-sandboxes-dialog] button[value="close"]');
  await waitForReady(second);
  await first.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ended', undefined, { timeout: 30_000 });
});

test('Reset keeps the completed steps; a failing check shows only once the learner acted on its step', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  t.after(() => closeContext(page));
  await openLesson(page, `${server.url}/lessons/first-container/`);
  await page.click('[data-terminal]');
  await typeCommand(page, 'docker run busybox echo "Hello from my first container"');
  await waitForStep(page, 'run-hello');
  // The server checks clean-up at once, and it fails: that is not the learner's failure yet.
  await page.waitForFunction(() => window.slipwayStore?.getState().checks['clean-up']?.ok === false, undefined, { timeout: 30_000 });
  assert.equal(await page.locator('[data-check-output="clean-up"]').isVisible(), false, 'no "Not done yet" before acting');
  await typeCommand(page, 'docker ps');
  await page.locator('[data-check-output="clean-up"]').waitFor({ state: 'visible', timeout: 30_000 });

  await page.click('[data-reset-open]');
  await page.click('[data-reset-confirm]');
  await page.waitForFunction(() => document.querySelector('[data-reset-open]')?.textContent !== 'Resetting…' && window.slipwayStore?.getState().connection.status === 'ready', undefined, { timeout: 120_000 });
  await waitForTerminal(page, (text) => /node1:~# $/m.test(text) && !/Hello from my first container/.test(text), 'a fresh screen');
  // The fresh sandbox's first prompt runs the checks: with no stopped container, clean-up may rightly pass too.
  const completed = (await page.evaluate(() => window.slipwayStore?.getState().completed)) ?? [];
  assert.ok(completed.includes('run-hello') && completed.every((step) => step === 'run-hello' || step === 'clean-up'), `the dialog said progress is kept: ${completed.join(', ')}`);
  assert.equal(await page.locator('[data-step-item="run-hello"]').getAttribute('data-state'), 'done');
});

test('Ctrl+V pastes into the terminal instead of typing ^V; Ctrl+Shift+C copies the selection', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  t.after(() => closeContext(page));
  await openLesson(page, `${server.url}/lessons/first-container/`);
  await page.evaluate(() => navigator.clipboard.writeText('echo "pasted-$((40+2))"'));
  await page.click('[data-terminal]');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (text) => /^pasted-42$/m.test(text), 'the pasted command\'s output');
  assert.doesNotMatch(await terminalText(page), /\^V|\^M/);
  // Ctrl+Shift+C copies the selection and sends nothing to the shell (no ^C).
  await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
  await page.evaluate(() => window.slipwayTerminal?.selectAll());
  await page.keyboard.press('Control+Shift+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('pasted-42'), undefined, { timeout: 10_000 });
  assert.doesNotMatch(await terminalText(page), /\^C/, 'copying did not interrupt the shell');
});

test('a workshop learner sees the workshop; when it ends the page says so, stops the clock, links the way out, and going on alone works', async (t) => {
  const workshop = await createWorkshop(server.url, { title: 'Ends early' });
  const joined = await joinWorkshop(server.url, workshop.workshop.code, 'Ada');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  t.after(() => closeContext(page));
  await page.goto(`${server.url}/`);
  await page.evaluate((saved) => localStorage.setItem('slipway.workshop', saved), JSON.stringify(joined));
  await openLesson(page, `${server.url}/lessons/first-container/`);
  assert.equal(await page.isVisible('[data-time-left]'), true);
  // The lesson page tells a workshop learner where they are and how to get back.
  assert.match((await page.textContent('[data-workshop-context]')) ?? '', /Ends early.*Ada/s);
  assert.equal(await page.getAttribute('[data-workshop-context] [aria-current="page"]', 'href'), '/lessons/first-container/');

  const ended = await fetch(`${server.url}/api/workshops/${workshop.workshop.id}/end`, { method: 'POST', ...instructorAuth(workshop.instructorToken) });
  assert.equal(ended.status, 200);
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ended', undefined, { timeout: 30_000 });
  assert.match((await statusLine(page)) ?? '', /The workshop has ended/, 'the server\'s reason, not "idle too long"');
  assert.equal(await page.isVisible('[data-time-left]'), false, 'no time left on an ended session');

  await page.click('[data-notice-action]');
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.action === 'leave-workshop', undefined, { timeout: 30_000 });
  assert.equal(await page.getAttribute('[data-notice-text] a', 'href'), '/workshops/join/', 'the way out is a link');
  await page.click('[data-notice-action]');
  await waitForReady(page);
  assert.equal(await page.evaluate(() => localStorage.getItem('slipway.workshop')), null, 'the learner went on alone');
});
