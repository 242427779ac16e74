// Completing a lesson as a learner in a hurry would: for each step not yet done, open "Show solution", press its
// Run button (it types into the solution's node's terminal), wait for the step to tick, and let the shell
// finish before the next one. Shared by the English and the translated walkthroughs.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TERMINAL_INPUT_EVENT } from '../../src/client/lesson-events.ts';
import type { LessonStep } from '../../shared/lesson-format/lesson-schema.ts';

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

export async function runEverySolution(page: Page, steps: readonly LessonStep[]): Promise<void> {
  for (const step of steps) {
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
}
