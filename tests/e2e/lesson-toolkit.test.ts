// The lesson toolkit in real Chromium against a site built from tests/fixtures/lessons: the sandbox is
// prepared (assets, setup), Run's interrupt and no-enter modifiers, keyboard access, the editor and terminal
// events, a quiz-only step completing when answered, and a file block's "Apply to file" (through the files
// API) and "Open in editor" (into the workspace's lazy editor).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserForThisFile } from '../support/browser.ts';
import { waitForReady } from '../support/lesson-page.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { runChild } from '../../scripts/tasks/child-process.ts';

const LESSONS = fileURLToPath(new URL('../fixtures/lessons/', import.meta.url));
const site = await mkdtemp(path.join(tmpdir(), 'slipway-toolkit-site-'));
// The site must exist before the server starts (top-level before hooks run concurrently).
await runChild(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent', '--outDir', site], { ...process.env, SLIPWAY_LESSONS_DIR: LESSONS });

const server = serverForThisFile('e2e-toolkit', { SLIPWAY_SITE_DIR: site, SLIPWAY_LESSONS_DIR: LESSONS });
let browser: Browser;

browserForThisFile((launched) => (browser = launched));
after(async () => {
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
  await waitForReady(page);
  await page.click('[data-terminal]');
  await waitForTerminal(page, /node1:~# $/m);

  // Code is highlighted at build time: coloured spans, no highlighter in the page.
  assert.ok(await page.locator('.code-block code span[style*="--shiki-light"]').count() > 0);

  // interrupt: a command still runs in the terminal; Run presses Ctrl-C first, then runs `ls /root/app`,
  // which shows the assets and the file the setup script wrote. The command says when it runs: a Ctrl-C that
  // comes before bash has handed the terminal to its child interrupts bash instead, and the child sleeps on
  // with the typed line queued behind it (bash does this in any pty; under load the window is wide enough).
  await page.keyboard.type("sh -c 'echo sleeping-$((6*7)); exec sleep 1000'");
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /^sleeping-42$/m);
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

test('a file block is applied through the files API and opened in the editor', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/lessons/greeter/`);
  await waitForReady(page);
  const readFile = () =>
    page.evaluate(async () => {
      const session = window.slipwayStore?.getState().session;
      if (!session) throw new Error('no session');
      const response = await fetch(`/api/sessions/${session.id}/file?node=node1&path=/root/app/Dockerfile`, { headers: { authorization: `Bearer ${session.token}` } });
      return { status: response.status, body: (await response.json()) as { content?: string } };
    });
  assert.equal((await readFile()).status, 404, 'the Dockerfile is not there before Apply');
  assert.equal(await page.evaluate(() => window.slipwayStore?.getState().completed.includes('write-dockerfile')), false);

  const block = page.locator('.file-block[data-file="/root/app/Dockerfile"]');
  // Highlighted code in both site themes, for a human to look at.
  await block.scrollIntoViewIfNeeded();
  for (const theme of ['dark', 'light']) {
    await page.click('[data-theme-toggle]');
    await page.waitForFunction((want) => document.documentElement.dataset.theme === want, theme);
    await page.locator('section[data-step="write-dockerfile"]').screenshot({ path: `tests/artifacts/lesson-code-${theme}.png` });
  }
  await block.getByRole('button', { name: 'Apply to file /root/app/Dockerfile' }).click();
  await block.locator('.code-status[data-ok="true"]').waitFor();
  assert.equal(await block.locator('.code-status').textContent(), 'Wrote /root/app/Dockerfile.');
  const written = await readFile();
  assert.equal(written.status, 200);
  assert.equal(written.body.content, 'FROM busybox\nCOPY greeting.txt /greeting.txt\nCMD ["cat", "/greeting.txt"]\n');
  // The step's check sees the file the button wrote: a saved file runs the checks (the step may already be
  // done, its Check button hidden, before a click could land).
  await page.waitForFunction(() => window.slipwayStore?.getState().completed.includes('write-dockerfile'), undefined, { timeout: 30_000 });

  // Open in editor: the Editor tab opens (loading CodeMirror on demand) with the block's text, unsaved.
  await block.getByRole('button', { name: 'Open /root/app/Dockerfile in the editor' }).click();
  await page.waitForFunction(() => window.slipwayStore?.getState().activeTab === 'editor');
  const editor = page.locator('[data-editor-panel] .cm-content');
  await editor.waitFor();
  assert.equal(await page.locator('[data-editor-path]').textContent(), 'node1:/root/app/Dockerfile');
  assert.match(await editor.innerText(), /COPY greeting\.txt \/greeting\.txt/);
  assert.equal(await page.locator('[data-editor-state]').textContent(), 'Unsaved changes');
  // Saving from the editor writes the learner's edit to the same file.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# edited in the editor');
  await page.keyboard.press('Control+s');
  await page.locator('[data-editor-state][data-kind="ok"]').waitFor();
  assert.match((await readFile()).body.content ?? '', /CMD \["cat", "\/greeting\.txt"\]\n# edited in the editor/);
  await page.close();
});
