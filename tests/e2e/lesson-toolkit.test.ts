// The lesson toolkit in real Chromium against a site built from tests/fixtures/lessons: the sandbox is
// prepared (assets, setup), Run's interrupt and no-enter modifiers, keyboard access, the editor and terminal
// events, and a quiz-only step completing when answered. "Apply to file" needs the files API (branch `nodes`):
// not exercised here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { runChild } from '../../scripts/tasks/child-process.ts';

const LESSONS = fileURLToPath(new URL('../fixtures/lessons/', import.meta.url));
const site = await mkdtemp(path.join(tmpdir(), 'slipway-toolkit-site-'));
// The site must exist before the server starts (top-level before hooks run concurrently).
await runChild(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent', '--outDir', site], { ...process.env, SLIPWAY_LESSONS_DIR: LESSONS });

const server = serverForThisFile('e2e-toolkit', { SLIPWAY_SITE_DIR: site, SLIPWAY_LESSONS_DIR: LESSONS });
let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await rm(site, { recursive: true, force: true });
});

const terminalText = (page: Page) =>
  page.evaluate(() => {
    const buffer = window.slipwayTerminal?.buffer.active;
    if (!buffer) return '';
    const lines: string[] = [];
    for (let row = 0; row < buffer.length; row += 1) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return lines.join('\n');
  });

async function waitForTerminal(page: Page, pattern: RegExp): Promise<string> {
  for (let tries = 0; tries < 100; tries += 1) {
    const text = await terminalText(page);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  return assert.fail(`the terminal never showed ${pattern}; it shows:\n${await terminalText(page)}`);
}

test('Run modifiers, prepared sandbox, editor event and a quiz-only step', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/lessons/greeter/`);
  await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ready', undefined, { timeout: 30_000 });
  await page.click('[data-terminal]');
  await waitForTerminal(page, /node1:~# $/m);

  // Code is highlighted at build time: coloured spans, no highlighter in the page.
  assert.ok(await page.locator('.code-block code span[style*="--shiki-light"]').count() > 0);

  // interrupt: a command still runs in the terminal; Run presses Ctrl-C first, then runs `ls /root/app`,
  // which shows the assets and the file the setup script wrote.
  await page.keyboard.type('sleep 1000');
  await page.keyboard.press('Enter');
  await page.click('.code-block[data-run-interrupt] button[data-action="run"]');
  await waitForTerminal(page, /greeting\.txt\s+setup\.txt/);
  assert.match(await terminalText(page), /\^C/);

  // no-enter, from the keyboard: focus the button, press Enter; the command waits on the prompt line.
  await page.focus('.code-block[data-run-no-enter] button[data-action="run"]');
  await page.keyboard.press('Enter');
  const typed = await waitForTerminal(page, /node1:~# echo typed-not-run$/m);
  assert.doesNotMatch(typed, /^typed-not-run$/m, 'the command was not run');

  // The terminal island for other nodes and the editor take their input through events.
  const events = await page.evaluate(() => {
    const seen: unknown[] = [];
    for (const type of ['slipway:terminal-input', 'slipway:open-file']) {
      document.addEventListener(type, (event) => {
        event.preventDefault();
        seen.push({ type, detail: (event as CustomEvent).detail });
      });
    }
    (document.querySelector('.file-block button[data-action="open"]') as HTMLButtonElement).click();
    (document.querySelector('.code-block[data-run-interrupt] button[data-action="run"]') as HTMLButtonElement).click();
    return seen;
  });
  assert.deepEqual(events, [
    { type: 'slipway:open-file', detail: { node: 'node1', path: '/root/app/Dockerfile', content: 'FROM busybox\nCOPY greeting.txt /greeting.txt\nCMD ["cat", "/greeting.txt"]\n' } },
    { type: 'slipway:terminal-input', detail: { node: 'node1', text: '\x03ls /root/app\r' } },
  ]);

  // The quiz-only step: a wrong answer says so and completes nothing; the right one completes the step.
  const quiz = page.locator('form.quiz');
  await quiz.getByLabel('CMD').check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  assert.match(await quiz.locator('[data-quiz-feedback]').textContent() ?? '', /Not quite/);
  assert.equal(await page.evaluate(() => window.slipwayStore?.getState().completed.includes('layers')), false);
  await quiz.getByLabel('COPY').check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await page.waitForFunction(() => window.slipwayStore?.getState().completed.includes('layers'));
  assert.equal(await quiz.locator('[data-quiz-feedback]').textContent(), 'Correct.');
  assert.equal(await quiz.locator('[data-quiz-explanation]').isVisible(), true);
  assert.equal(await page.getAttribute('[data-step-item="layers"]', 'data-state'), 'done');
  assert.equal(await page.locator('section[data-step="layers"] button[data-action="check"]').count(), 0, 'a quiz-only step has no Check now');

  // A reload keeps the quiz-only step done (sessionStorage, per session).
  await page.reload();
  await page.waitForFunction(() => window.slipwayStore?.getState().completed.includes('layers'), undefined, { timeout: 30_000 });
  await page.close();
});
