// Several terminals per node in Chromium, on the two-node swarm lesson: + opens more shells (node1 · 2, node2 · 2),
// each runs its own commands, a Run button for node2 types into node2's last used terminal, a step ticks from an
// extra terminal, a reload brings every tab back with its shell, Delete closes one, the per-node limit is said
// in one sentence, the split view shows any two terminals side by side, resizable, and a Reset leaves every
// terminal a blank screen. Screenshots (light, dark, a narrow workspace, a phone) land in tests/artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { SHELL_LIMITS } from '../../shared/contracts/protocol.ts';
import { ARTIFACTS, browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { endKnownSessions, openLesson, terminalText, waitForReady, waitForTerminal } from '../support/lesson-page.ts';

const server = serverForThisFile('e2e-terminal-tabs');
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const SERVE =
  `mkdir -p /srv/www && echo '<h1>hello-tabs</h1>' > /srv/www/index.html && ` +
  `docker run -d --name web -p 8080:80 -v /srv/www:/www busybox httpd -f -p 80 -h /www >/dev/null && echo "ser""ved"`;
const host = (key: string) => `[data-terminal][data-node="${key}"]`;
const tab = (key: string) => `[role="tab"][data-tab="${key}"]`;
const activeTab = (page: Page) => page.evaluate(() => window.slipwayStore?.getState().activeTab);
const terminalTabs = (page: Page) => page.$$eval('[role="tab"]', (tabs) => tabs.map((one) => one.getAttribute('data-tab') ?? '').filter((key) => key.startsWith('node')));

const waitReady = (page: Page, key: string) =>
  page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('data-state') === 'ready', host(key), { timeout: 60_000 });

/** Shows a terminal's tab and reads its buffer (the shown terminal is window.slipwayTerminal). */
async function show(page: Page, key: string): Promise<string> {
  await page.click(tab(key));
  assert.equal(await activeTab(page), key);
  return terminalText(page);
}

/** Types a command into the shown terminal and waits for what it prints. */
async function run(page: Page, key: string, command: string, expected: RegExp): Promise<void> {
  await page.click(host(key));
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (text) => expected.test(text), `${expected} in ${key}`);
}

async function openOn(page: Page, node: string): Promise<void> {
  await page.click('[data-new-terminal-open]');
  await page.click(`[data-new-terminal-nodes] button:text-is("New terminal on ${node}")`);
}

test('tabs of several shells per node survive a reload, close, stop at the limit, and split side by side', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const page = await context.newPage();
  await openLesson(page, `${server.url}/lessons/swarm-mode/`);
  await page.waitForSelector(tab('node2'));
  await waitReady(page, 'node2');
  await run(page, 'node1', 'echo "one-$((40+1))"', /^one-41$/m);

  // + in a two-node lesson asks which node; the new tab is selected, labelled, and runs its own shell.
  await page.click('[data-new-terminal-open]');
  assert.equal(await page.getAttribute('[data-new-terminal-open]', 'aria-expanded'), 'true');
  assert.deepEqual(await page.$$eval('[data-new-terminal-nodes] button', (buttons) => buttons.map((button) => button.textContent)), ['New terminal on node1', 'New terminal on node2']);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('[data-new-terminal-nodes]'), false, 'Escape folds the list away');
  await openOn(page, 'node1');
  assert.equal(await activeTab(page), 'node1/2');
  assert.equal((await page.textContent(tab('node1/2')))?.replace('×', ''), 'node1 · 2');
  await waitReady(page, 'node1/2');
  await run(page, 'node1/2', 'MARK=second; echo "two-$((40+2))"', /^two-42$/m);
  await openOn(page, 'node2');
  assert.equal(await activeTab(page), 'node2/2');
  await waitReady(page, 'node2/2');
  await run(page, 'node2/2', 'echo "three-$((40+3)) on $(hostname)"', /^three-43 on node2$/m);
  assert.doesNotMatch(await show(page, 'node1'), /two-42|three-43/, 'node1\'s first shell saw none of the others\' commands');

  // A Run button for node2 types into node2's last used terminal (node2 · 2), showing it.
  await page.evaluate(() => {
    const block = document.querySelector('.code-block[data-run-node="node2"]');
    const details = block?.closest('details');
    if (details) details.open = true;
    block?.scrollIntoView();
  });
  await page.click('.code-block[data-run-node="node2"] button[data-action="run"]');
  assert.equal(await activeTab(page), 'node2/2');
  await waitForTerminal(page, (text) => /docker swarm join --token/.test(text), 'the Run button\'s command in node2 · 2');
  assert.doesNotMatch(await show(page, 'node2'), /docker swarm join/, 'node2\'s first terminal was not typed into');

  // Checks run after commands in any terminal: the first step ticks from node1 · 2.
  await show(page, 'node1/2');
  await run(page, 'node1/2', 'docker swarm init >/dev/null && echo "manager-$((1+1))"', /^manager-2$/m);
  // Longer than waitForStep's 30 s: a swarm check on a machine busy with other test files took longer.
  await page.waitForFunction(() => window.slipwayStore?.getState().completed.includes('init'), undefined, { timeout: 120_000 });

  // A reload finds every tab and its shell again (screen and shell variables).
  await page.reload();
  await waitForReady(page);
  await page.waitForSelector(tab('node2/2'));
  assert.deepEqual(await terminalTabs(page), ['node1', 'node1/2', 'node2', 'node2/2']);
  await waitReady(page, 'node1/2');
  assert.match(await show(page, 'node1/2'), /^two-42$/m, 'node1 · 2 shows its screen after the reload');
  await run(page, 'node1/2', 'echo "mark=$MARK"', /^mark=second$/m);
  await waitReady(page, 'node2/2');
  assert.match(await show(page, 'node2/2'), /^three-43 on node2$/m);
  await waitReady(page, 'node1');
  assert.match(await show(page, 'node1'), /^one-41$/m);

  // Delete on the selected tab closes it (its shell ends) and selects the tab before it.
  await page.click(tab('node2/2'));
  await page.keyboard.press('Delete');
  await page.waitForSelector(tab('node2/2'), { state: 'detached' });
  assert.equal(await activeTab(page), 'node2');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-tab')), 'node2', 'focus stays in the tab list');
  assert.equal(await page.locator(host('node2/2')).count(), 0);
  // The × does the same for the pointer.
  await openOn(page, 'node2');
  await page.click(`${tab('node2/2')} [data-close-terminal]`);
  await page.waitForSelector(tab('node2/2'), { state: 'detached' });

  // node1 may run SHELL_LIMITS.perNode shells: past that, one sentence and no new tab.
  for (let count = 2; count < SHELL_LIMITS.perNode; count += 1) await openOn(page, 'node1');
  assert.deepEqual(await terminalTabs(page), ['node1', 'node1/2', 'node1/3', 'node1/4', 'node2']);
  await openOn(page, 'node1');
  const message = page.locator('[data-workspace-message]');
  await message.waitFor({ state: 'visible' });
  assert.equal(await message.textContent(), `node1 already runs ${SHELL_LIMITS.perNode} terminals, the most a node may: close one of its tabs to open another.`);
  assert.deepEqual(await terminalTabs(page), ['node1', 'node1/2', 'node1/3', 'node1/4', 'node2'], 'no tab past the limit');
  await waitReady(page, 'node1/4');

  // The preview pane beside the tabs (for the screenshots): an app served from node1 · 4.
  await run(page, 'node1/4', SERVE, /^served$/m);
  await page.click(tab('ports'));
  await page.click('[data-preview-port="node1:8080"]', { timeout: 30_000 });
  await page.frameLocator('[data-preview-frame]').locator('h1', { hasText: 'hello-tabs' }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${ARTIFACTS}/terminals-preview-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${ARTIFACTS}/terminals-preview-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // Split: node1 beside node2 at first; each side can show any open terminal; the separator resizes them.
  await page.click(tab('split'));
  const [left, right] = [page.locator(host('node1')), page.locator(host('node2'))];
  await right.waitFor({ state: 'visible' });
  const [leftBox, rightBox] = [await left.boundingBox(), await right.boundingBox()];
  assert.ok(leftBox && rightBox && rightBox.x >= leftBox.x + leftBox.width && Math.abs(rightBox.y - leftBox.y) < 2, 'node2 is to the right of node1');
  await right.click();
  await page.keyboard.type('echo "right-$((6*7))"');
  await page.keyboard.press('Enter');
  await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('right-42'), host('node2'), { timeout: 30_000 });
  await page.selectOption('[data-split-select="0"]', 'node1/2');
  await page.locator(host('node1/2')).waitFor({ state: 'visible' });
  assert.equal(await left.isVisible(), false, 'node1 left the split');
  await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('mark=second'), host('node1/2'), { timeout: 30_000 });
  const before = (await page.locator(host('node1/2')).boundingBox())?.width ?? 0;
  await page.focus('[data-pair-handle]');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.getAttribute('[data-pair-handle]', 'aria-valuenow'), '70');
  const after = (await page.locator(host('node1/2')).boundingBox())?.width ?? 0;
  assert.ok(after > before + 100, `the left terminal grew from ${before} to ${after} px`);
  await page.keyboard.press('Enter');
  await page.screenshot({ path: `${ARTIFACTS}/terminals-split-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${ARTIFACTS}/terminals-split-dark.png` });

  // A narrow workspace (the lesson dragged wide) stacks the two, each with its picker above it.
  await page.focus('[data-split-handle]');
  await page.keyboard.press('End');
  await page.waitForFunction((selector) => {
    const [one, two] = ['0', '1'].map((side) => document.querySelector(`${selector}[data-side="${side}"]`)?.getBoundingClientRect());
    return one && two && two.top >= one.bottom;
  }, '[data-terminal]');
  await page.screenshot({ path: `${ARTIFACTS}/terminals-split-narrow.png` });
  await page.keyboard.press('Enter');

  // After a Reset every terminal starts from a blank screen (#18: node2 kept `node2:~# node2:~#`).
  await page.click('[data-reset-open]');
  await page.click('[data-reset-confirm]');
  await page.waitForFunction(() => document.querySelector('[data-reset-open]')?.textContent !== 'Resetting…' && window.slipwayStore?.getState().connection.status === 'ready', undefined, { timeout: 180_000 });
  for (const [key, old] of [['node2', /right-42/], ['node1/2', /mark=second/]] as const) {
    await waitReady(page, key);
    await page.click(tab(key));
    const prompt = new RegExp(`^${key.split('/')[0]}:~# $`, 'm');
    await waitForTerminal(page, (text) => prompt.test(text) && !old.test(text), `a fresh screen in ${key}`);
    assert.equal((await terminalText(page)).match(/:~# /g)?.length, 1, `${key} shows one prompt`);
  }
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: `${ARTIFACTS}/terminals-phone.png` });

  await endKnownSessions(page);
  await context.close();
});
