// Lessons completed in Chromium the way a learner in a hurry would: for each step, open "Show solution" and
// press its Run button (it types into the solution's node's terminal), then wait for the step to tick. By default a few representative lessons run; with
// SLIPWAY_E2E_LESSONS=all (or a comma-separated list of slugs) every chosen lesson does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadLessons } from '../../src/lesson-format/load-lessons.ts';
import { TERMINAL_INPUT_EVENT } from '../../src/client/lesson-events.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { browserForThisFile } from '../support/browser.ts';
import { waitForReady } from '../support/lesson-page.ts';
import { serverForThisFile } from '../support/test-server.ts';

const DEFAULT_LESSONS = ['first-container'];
const wanted = process.env.SLIPWAY_E2E_LESSONS;
const lessons = (await loadLessons(loadConfig().SLIPWAY_LESSONS_DIR)).filter((lesson) =>
  wanted === 'all' ? true : (wanted ? wanted.split(',') : DEFAULT_LESSONS).includes(lesson.slug),
);
const server = serverForThisFile('e2e-walkthrough', { SLIPWAY_MAX_SESSIONS: '4' });
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

declare global {
  interface Window {
    slipwayTerminalInputTaken?: boolean;
  }
}

/** Notes whether the page's next slipway:terminal-input event was taken by a node's terminal (preventDefault). */
async function listenForTerminalInput(page: Page): Promise<void> {
  await page.evaluate((type) => {
    window.slipwayTerminalInputTaken = false;
    // Registered after the page's own handlers, so it hears the event once they have had it.
    document.addEventListener(type, (event) => (window.slipwayTerminalInputTaken = event.defaultPrevented), { once: true });
  }, TERMINAL_INPUT_EVENT);
}

/** Until the shown terminal's last line is a bare prompt, twice half a second apart (bounded). */
async function waitForIdleShell(page: Page): Promise<void> {
  const lastLine = () =>
    page.evaluate(() => {
      const buffer = window.slipwayTerminal?.buffer.active;
      for (let row = (buffer?.length ?? 0) - 1; buffer && row >= 0; row -= 1) {
        const line = buffer.getLine(row)?.translateToString(true) ?? '';
        if (line.trim()) return line;
      }
      return '';
    });
  let idleSeen = 0;
  for (let tries = 0; tries < 240 && idleSeen < 2; tries += 1) {
    idleSeen = /^node\d:[^#]*#$/.test((await lastLine()).trimEnd()) ? idleSeen + 1 : 0;
    await page.waitForTimeout(500);
  }
}

describe('lessons completed with Run buttons only', { concurrency: 2 }, () => {
  for (const lesson of lessons) {
    test(`"${lesson.meta.title}" (${lesson.slug})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(`${server.url}/lessons/${lesson.slug}/`);
        await waitForReady(page);
        for (const step of lesson.steps) {
          const done = await page.evaluate((id) => window.slipwayStore?.getState().completed.includes(id), step.id);
          if (done) continue; // an earlier step's solution may already satisfy this one
          const solution = page.locator(`section[data-step="${step.id}"] details.solution`);
          await solution.locator('summary').click();
          const node = step.solutionNode ?? 'node1';
          if (node !== 'node1') await listenForTerminalInput(page);
          await solution.locator('[data-action="run"]').first().click();
          if (node !== 'node1' && !(await page.evaluate(() => window.slipwayTerminalInputTaken))) {
            assert.fail(`step "${step.id}": its solution runs on ${node}, but no ${node} terminal on the page took the input (nothing handles slipway:terminal-input)`);
          }
          await page
            .waitForFunction((id) => window.slipwayStore?.getState().completed.includes(id), step.id, { timeout: 180_000 })
            .catch(async () => {
              const screen = await page.evaluate(() => {
                const buffer = window.slipwayTerminal?.buffer.active;
                const lines: string[] = [];
                for (let row = 0; buffer && row < buffer.length; row += 1) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
                return lines.join('\n').trimEnd().slice(-2000);
              });
              assert.fail(`step "${step.id}" never ticked after its solution ran; the terminal shows:\n${screen}`);
            });
          // A step can tick before the last lines of its solution ran (they may prepare the next step): let the
          // shell finish, as a learner would, before the next Run.
          await waitForIdleShell(page);
        }
        assert.equal(await page.isVisible('[data-finish-banner]'), true, 'the finish banner shows');
      } finally {
        // End the sandbox as a learner leaving would after its idle timeout, so the next lessons find room.
        const session = await page.evaluate(() => window.slipwayStore?.getState().session).catch(() => undefined);
        if (session) await fetch(`${server.url}/api/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } });
        await page.close();
      }
    });
  }
});
