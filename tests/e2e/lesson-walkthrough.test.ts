// Lessons completed in Chromium the way a learner in a hurry would: for each step, open "Show solution" and
// press its Run button (it types into the solution's node's terminal), then wait for the step to tick. By default a few representative lessons run; with
// SLIPWAY_E2E_LESSONS=all (or a comma-separated list of slugs) every chosen lesson does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { browserForThisFile } from '../support/browser.ts';
import { waitForReady } from '../support/lesson-page.ts';
import { runEverySolution } from '../support/solution-runner.ts';
import { serverForThisFile } from '../support/test-server.ts';

const DEFAULT_LESSONS = ['first-container'];
const wanted = process.env.SLIPWAY_E2E_LESSONS;
const lessons = (await loadLessons(loadConfig().SLIPWAY_LESSONS_DIR)).filter((lesson) =>
  wanted === 'all' ? true : (wanted ? wanted.split(',') : DEFAULT_LESSONS).includes(lesson.slug),
);
const server = serverForThisFile('e2e-walkthrough', { SLIPWAY_MAX_SESSIONS: '4' });
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

describe('lessons completed with Run buttons only', { concurrency: 2 }, () => {
  for (const lesson of lessons) {
    test(`"${lesson.meta.title}" (${lesson.slug})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(`${server.url}/lessons/${lesson.slug}/`);
        await waitForReady(page);
        await runEverySolution(page, lesson.steps);
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
