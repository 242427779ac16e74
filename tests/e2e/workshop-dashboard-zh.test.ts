// The instructor's pages walked in Chinese in Chromium: a workshop created from /zh-CN/workshops/new/, a
// full workshop refusing a second learner in Chinese, the capacity raised through the dashboard's form, the
// learner then let in, and one learner working a lesson. Every page is lang="zh-CN" and the dashboard shows no
// English interface word. Screenshots of the dashboard (zh-CN, English light and dark, phone) go to
// tests/artifacts/dashboard-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { openLesson, typeCommand } from '../support/lesson-page.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('e2e-workshop-zh', { SLIPWAY_MAX_SESSIONS: '3' });
let browser: Browser;
browserForThisFile((launched) => (browser = launched));

const TITLE = '周五 Docker 实验课';
/** Words on the instructor pages that are not interface text: product and format names. */
const NOT_UI = /\b(Slipway|English|CSV|JSON|Docker)\b/g;

/** A page's visible text and its labels, tooltips and placeholders, without the allowed names and `typed` (links, codes: removed in order). */
async function englishWords(page: Page, typed: string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return [];
    const attributes = [...main.querySelectorAll<HTMLElement>('[title], [placeholder], [aria-label]')].flatMap((element) =>
      ['title', 'placeholder', 'aria-label'].map((name) => element.getAttribute(name) ?? ''),
    );
    return [main.innerText, document.title, ...attributes];
  });
  return typed.reduce((text, value) => text.replaceAll(value, ''), texts.join('\n').replace(NOT_UI, '')).match(/[A-Za-z]{3,}/g) ?? [];
}

const chinese = (options: BrowserContextOptions = {}) => browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', ...options });

async function joinAs(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`${server.url}/zh-CN/workshops/join/?code=${code}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.fill('input[name="name"]', name);
  await page.click('[data-join-form] button[type="submit"]');
}

test('an instructor runs a workshop in Chinese: a full workshop, its capacity raised through the form, learners in', async () => {
  const instructorContext = await chinese();
  const instructor = await instructorContext.newPage();
  await instructor.goto(`${server.url}/zh-CN/workshops/new/`);
  assert.equal(await instructor.getAttribute('html', 'lang'), 'zh-CN');
  await instructor.fill('input[name="title"]', TITLE);
  await instructor.fill('input[name="capacity"]', '1');
  await instructor.click('button[type="submit"]');
  await instructor.waitForSelector('[data-created]:not([hidden])');
  const code = (await instructor.textContent('[data-join-code]'))?.trim() ?? '';
  const joinLink = (await instructor.textContent('[data-join-link]')) ?? '';
  assert.deepEqual(await englishWords(instructor, [joinLink, code]), [], 'no English interface word on the Chinese "workshop created" page');
  const dashboardUrl = await instructor.getAttribute('[data-instructor-link]', 'href');
  assert.match(dashboardUrl ?? '', /^http:\/\/[^/]+\/zh-CN\/workshops\/dashboard\/#workshop=/, 'the instructor link is the Chinese dashboard');
  await instructor.goto(dashboardUrl ?? '');
  assert.equal(await instructor.getAttribute('html', 'lang'), 'zh-CN');
  await instructor.waitForFunction(() => document.querySelector('[data-dashboard-status]')?.getAttribute('data-state') === 'ready');
  assert.equal(await instructor.textContent('[data-dashboard-status]'), '实时');
  assert.equal(await instructor.textContent('[data-empty]:not([hidden])'), '还没有学员加入。请把上面的加入代码分享给学员。');

  // The first learner fills the workshop; the second is told, in Chinese, to ask for more room.
  const learnerContext = await chinese({ viewport: { width: 1280, height: 800 } });
  const ada = await learnerContext.newPage();
  await joinAs(ada, code, '王小明');
  await ada.waitForSelector('[data-joined]:not([hidden])');
  const otherContext = await chinese({ viewport: { width: 1280, height: 800 } });
  const bo = await otherContext.newPage();
  await joinAs(bo, code, '李华');
  await bo.waitForSelector('[data-form-error]:not([hidden])');
  assert.equal(await bo.textContent('[data-form-error]'), '此工作坊已满员：请讲师提高人数上限。');
  assert.deepEqual(await englishWords(bo, []), [], 'no English interface word on the Chinese join page');

  // The instructor raises the capacity through the dashboard's form.
  await instructor.waitForSelector('tr[data-learner]');
  assert.equal(await instructor.textContent('tfoot th'), '已加入 1 / 1');
  await instructor.fill('[data-capacity-form] input[name="capacity"]', '2');
  await instructor.click('[data-capacity-form] button');
  await instructor.waitForFunction(() => document.querySelector('[data-capacity-form] button')?.textContent === '已保存');
  await instructor.waitForFunction(() => document.querySelector('tfoot th')?.textContent === '已加入 1 / 2');

  await bo.click('[data-join-form] button[type="submit"]');
  await bo.waitForSelector('[data-joined]:not([hidden])');
  await instructor.waitForFunction(() => document.querySelectorAll('tr[data-learner]').length === 2);
  assert.equal(await instructor.textContent('tfoot th'), '已加入 2 / 2');

  // One learner works: the dashboard shows them working, with Chinese lesson and step titles.
  await ada.click('[data-joined-lessons] a');
  await openLesson(ada, ada.url());
  // The workshop context on the lesson page keeps the learner in Chinese: its links carry the /zh-CN prefix.
  assert.equal(await ada.getAttribute('[data-workshop-context] [aria-current="page"]', 'href'), '/zh-CN/lessons/first-container/');
  assert.match((await ada.getAttribute('[data-workshop-context] > a', 'href')) ?? '', /^\/zh-CN\/workshops\/join\/\?code=/);
  await ada.click('[data-terminal]');
  await typeCommand(ada, 'docker run busybox echo "Hello from my first container"');
  // As the English walk does: a check on a loaded machine can take longer than waitForStep's 30 s.
  await ada.waitForFunction(() => window.slipwayStore?.getState().completed.includes('run-hello'), undefined, { timeout: 60_000 });
  await instructor.waitForSelector('tr[data-learner] [data-step="first-container/run-hello"][data-state="done"]', { timeout: 30_000 });
  await instructor.waitForFunction(() => document.querySelector('tr[data-learner] .status')?.textContent === '进行中');

  const headers = await instructor.locator('[data-progress-table] thead th').allTextContents();
  assert.deepEqual(headers.slice(0, 4), ['学员', '状态', '当前步骤用时', '课程']);
  assert.match(headers[4] ?? '', /\p{Script=Han}/u, `step titles are Chinese: ${headers[4]}`);
  assert.deepEqual(await englishWords(instructor, [code]), [], 'no English interface word on the Chinese dashboard');
  assert.match((await instructor.textContent('[data-workshop-time]')) ?? '', /^\d+:\d{2}(:\d{2})? 后结束$/);
  await instructor.screenshot({ path: `${ARTIFACTS}/dashboard-zh-CN.png`, fullPage: true });

  // The same dashboard in English, light and dark, and on a phone: for the coordinator's eyes.
  const englishUrl = (dashboardUrl ?? '').replace('/zh-CN/', '/');
  for (const [name, options] of [
    ['light', { colorScheme: 'light' }],
    ['dark', { colorScheme: 'dark' }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', ...options });
    const page = await context.newPage();
    await page.goto(englishUrl);
    await page.waitForSelector('tr[data-learner] [data-state="done"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-${name}.png`, fullPage: true });
    await context.close();
  }

  await learnerContext.close();
  await otherContext.close();
  await instructorContext.close();
});
