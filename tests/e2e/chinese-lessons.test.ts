// Two lessons walked in Chinese in Chromium: the page is zh-CN from its URL, a failing check's English
// sentence is shown in Chinese, every step ticks with the (shared) English checks, and the language choice
// is remembered. Also the Chinese dashboard and 404 page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { localizedLessons } from '../../shared/lesson-format/translation/lesson-translations.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { openLesson } from '../support/lesson-page.ts';
import { runEverySolution } from '../support/solution-runner.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { createWorkshop, joinWorkshop } from '../support/workshop-client.ts';

const english = await loadLessons(loadConfig().SLIPWAY_LESSONS_DIR);
/** Slug → the first step's id and the sentence its check prints before the learner did anything, in Chinese. */
const WALKED: Record<string, string> = {
  'first-container': '还没有哪个 busybox 容器输出过这句问候。',
  // A lesson without quiz-only steps: the solution runner answers no quizzes.
  onbuild: '还没有 site-base 镜像：请在 ~/onbuild/base 中构建它。',
};
// Checks get 60 s, as lesson proofs do: onbuild's child check starts a container of a fresh build, which took
// over the default 10 s beside other test files on two cores (every try was stopped; the step never ticked).
const server = serverForThisFile('e2e-chinese', { SLIPWAY_MAX_SESSIONS: '4', SLIPWAY_CHECK_TIMEOUT_S: '60' });
let browser: Browser;
browserForThisFile((launched) => (browser = launched));

async function endSession(page: Page): Promise<void> {
  const session = await page.evaluate(() => window.slipwayStore?.getState().session).catch(() => undefined);
  if (session) await fetch(`${server.url}/api/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } });
}

describe('lessons walked in zh-CN', { concurrency: 1 }, () => {
  for (const [slug, notYet] of Object.entries(WALKED)) {
    test(slug, async () => {
      const lesson = english.find((candidate) => candidate.slug === slug);
      const chinese = lesson && (await localizedLessons(lesson))['zh-CN'];
      assert.ok(lesson && chinese, `${slug} has a zh-CN translation`);
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      try {
        await openLesson(page, `${server.url}/zh-CN/lessons/${slug}/`);
        assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
        assert.equal(await page.textContent('#lesson-title'), chinese.meta.title);
        assert.equal(await page.textContent('[data-step-item] span:nth-child(2)'), chinese.steps[0]?.title);

        // Check now before doing anything: the check prints English, the page shows the translation.
        const first = chinese.steps[0]?.id ?? '';
        await page.click(`button[data-check-step="${first}"]`);
        const output = page.locator(`[data-check-output="${first}"]`);
        await output.waitFor({ state: 'visible', timeout: 30_000 });
        assert.equal((await output.locator('pre').textContent())?.trim(), notYet);
        assert.equal(await output.locator('p').textContent(), '尚未完成：');
        if (slug === 'first-container') {
          // Mid-way: step 1 done, step 2's check names the stopped containers (a shell expansion carried over).
          await runEverySolution(page, lesson.steps.slice(0, 1));
          await page.click('button[data-check-step="clean-up"]');
          const second = page.locator('[data-check-output="clean-up"] pre');
          await page.waitForFunction(() => /^仍有已停止的容器：[0-9a-f]{12}/.test(document.querySelector('[data-check-output="clean-up"] pre')?.textContent ?? ''), undefined, { timeout: 30_000 });
          await second.scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${ARTIFACTS}/zh-lesson-failing-check.png` });
        }

        await runEverySolution(page, lesson.steps);
        assert.equal(await page.isVisible('[data-finish-banner]'), true, 'the finish banner shows');
        assert.match((await page.textContent('[data-finish-banner]')) ?? '', /本课完成/);
        const next = await page.getAttribute('[data-next-lesson]', 'href');
        assert.match(next ?? '', /^\/zh-CN\/lessons\/[a-z0-9-]+\/$/, 'the next lesson is in Chinese too');
      } finally {
        await endSession(page);
        await page.close();
      }
    });
  }
});

test('the language is in the URL and the choice is remembered', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    // A Chinese browser asking for an English address is taken to the Chinese one.
    await page.goto(`${server.url}/`);
    await page.waitForURL(`${server.url}/zh-CN/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('.lesson-card[data-lesson-slug="first-container"] h2'), '你的第一个容器');
    assert.match((await page.textContent('.lesson-card[data-lesson-slug="first-container"] h2 a')) ?? '', /容器/);
    assert.equal(await page.getAttribute('.lesson-card[data-lesson-slug="first-container"] h2 a', 'href'), '/zh-CN/lessons/first-container/');
    // Topics in Chinese too, on the card and in the filter; the search still finds the English topic name.
    assert.deepEqual(await page.locator('.lesson-card[data-lesson-slug="first-container"] .tag').allTextContents(), ['#容器', '#基础']);
    assert.equal(await page.locator('.tag-filter label', { hasText: '#数据卷' }).count(), 1);
    await page.fill('[data-catalog-search]', 'volumes');
    assert.equal(await page.locator('.lesson-card:not([data-search-miss])[data-lesson-slug="volumes-and-bind-mounts"]').count(), 1);
    await page.fill('[data-catalog-search]', '');
    // Choosing English goes to the same page in English, and stays there on the next visit.
    await Promise.all([page.waitForURL(`${server.url}/`), page.selectOption('[data-language-switch]', 'en')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.goto(`${server.url}/workshops/new/`);
    assert.equal(page.url(), `${server.url}/workshops/new/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // A shared Chinese link opens in Chinese even for a learner who chose English.
    await page.goto(`${server.url}/zh-CN/workshops/new/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('main h1'), '举办工作坊');
  } finally {
    await context.close();
  }
});

test('a page that does not exist gets a 404 page in the language of its address', async () => {
  for (const [path, lang, title] of [['/zh-CN/lessons/nope/', 'zh-CN', '找不到页面'], ['/nope/', 'en', 'Page not found']] as const) {
    const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
    assert.equal(response.status, 404);
    const html = await response.text();
    assert.match(html, new RegExp(`<html lang="${lang}"`));
    assert.match(html, new RegExp(title));
  }
  // An API client still gets the JSON error.
  const api = await fetch(`${server.url}/zh-CN/nope/`);
  assert.deepEqual(await api.json(), { error: 'Not found.' });
});

test('the instructor dashboard in zh-CN', async () => {
  const { instructorPath, workshop } = await createWorkshop(server.url, { title: 'Docker 入门（A 组）', lessons: ['first-container', 'commit-vs-dockerfile'] });
  for (const name of ['李雷', '韩梅梅']) await joinWorkshop(server.url, workshop.code, name);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${server.url}/zh-CN${instructorPath}`);
    await page.waitForFunction(() => window.slipwayDashboard?.state !== null && window.slipwayDashboard?.state !== undefined);
    assert.equal(await page.textContent('[data-dashboard-status]'), '实时');
    assert.equal(await page.textContent('[data-export="csv"]'), '导出 CSV');
    assert.match((await page.textContent('[data-progress-table] thead')) ?? '', /学员.*状态.*当前步骤用时.*课程.*运行一个容器/);
    assert.match((await page.textContent('[data-progress-table] tfoot')) ?? '', /已加入 2 \/ /);
    await page.screenshot({ path: `${ARTIFACTS}/zh-dashboard.png` });
  } finally {
    await page.close();
  }
});
