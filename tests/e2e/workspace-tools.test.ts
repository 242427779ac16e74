// The workspace's tools end to end, on a real sandbox: write a Dockerfile in the editor (new file, Ctrl-S),
// build and run it in the terminal, then open the published port from the ports panel and see the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserForThisFile } from '../support/browser.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { openLesson, terminalText, typeCommand, waitForTerminal } from '../support/lesson-page.ts';

const server = serverForThisFile('e2e-workspace-tools');
let browser: Browser;

browserForThisFile((launched) => (browser = launched));

const DOCKERFILE = [
  'FROM busybox',
  'RUN mkdir /www && echo "hello from the editor" > /www/index.html',
  'CMD httpd -f -p 80 -h /www',
];

test('a Dockerfile saved in the editor builds in the terminal; its published port opens from the ports panel', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const editorRequests: string[] = [];
  page.on('request', (request) => {
    if (/editor-panel/.test(request.url())) editorRequests.push(request.url());
  });
  await openLesson(page, `${server.url}/lessons/first-container/`);
  assert.deepEqual(editorRequests, [], 'the editor is not loaded with the page');

  await page.click('[data-tab="editor"]');
  await page.waitForSelector('.cm-content');
  assert.equal(editorRequests.length, 1, 'the editor loads when its tab opens');
  await page.waitForSelector('[data-tree] li');

  await page.click('[data-tree-new]');
  await page.keyboard.type('Dockerfile');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-editor-path]')?.textContent === 'node1:/root/Dockerfile');
  await page.waitForSelector('[data-tree] [data-file="/root/Dockerfile"]');
  await page.click('.cm-content');
  for (const [index, line] of DOCKERFILE.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  assert.equal(await page.textContent('[data-editor-state]'), 'Unsaved changes');
  await page.keyboard.press('Control+s');
  await page.waitForFunction(() => document.querySelector('[data-editor-state]')?.textContent === 'Saved /root/Dockerfile');
  // Saving is an attempt at the current step: it is checked at once, not at the next terminal command.
  await page.waitForFunction(() => window.slipwayStore?.getState().checks['run-hello'] !== undefined, undefined, { timeout: 30_000 });
  assert.equal(await page.isVisible('[data-tree] [data-file="/root/Dockerfile"]'), true, 'the tree kept its place');

  const session = await page.evaluate(() => window.slipwayStore?.getState().session);
  assert.ok(session);
  const saved = await fetch(`${server.url}/api/sessions/${session.id}/file?node=node1&path=/root/Dockerfile`, {
    headers: { authorization: `Bearer ${session.token}` },
  }).then((response) => response.json() as Promise<{ content: string }>);
  assert.equal(saved.content, DOCKERFILE.join('\n'), 'the file in the sandbox is what was typed');

  await page.click('[data-tab="node1"]');
  await page.click('[data-terminal][data-node="node1"]');
  await typeCommand(page, 'docker build -q -t site . && echo "built: $(docker image inspect -f ok site)"');
  assert.match(await terminalText(page), /^built: ok$/m);
  await typeCommand(page, 'docker run -d -p 8080:80 site');

  await page.click('[data-tab="ports"]');
  const link = page.locator('[data-ports-list] a[data-port="node1:8080"]');
  await link.waitFor({ timeout: 30_000 });
  assert.equal(await page.textContent('[data-ports-count]'), '1', 'the tab counts the ports');
  const [preview] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await preview.waitForLoadState();
  assert.match((await preview.textContent('body')) ?? '', /hello from the editor/);
  assert.match(preview.url(), /\/preview\/[^/]+\/node1\/8080\/$/, 'the token left the address bar');
  await page.screenshot({ path: 'tests/artifacts/lesson-ports.png' });
  await page.click('[data-tab="editor"]');
  await page.screenshot({ path: 'tests/artifacts/lesson-editor.png' });
  await context.close();
});

test('each node has its own terminal tab, reached with the arrow keys, and an extra node can be removed', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openLesson(page, `${server.url}/lessons/first-container/`);
  const session = await page.evaluate(() => window.slipwayStore?.getState().session);
  assert.ok(session);
  const auth = { authorization: `Bearer ${session.token}` };
  const added = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, { method: 'POST', headers: auth });
  assert.equal(added.status, 201);
  assert.deepEqual(await added.json(), { node: 'node2' });

  // A reload learns the session's nodes from GET /api/sessions/:id.
  await page.reload();
  await page.waitForSelector('[role="tab"][data-tab="node2"]');
  await page.focus('[role="tab"][data-tab="node1"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('[data-tab="node2"]', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-tab')), 'node2', 'focus follows');
  assert.equal(await page.isVisible('[data-terminal][data-node="node1"]'), false);
  await waitForTerminal(page, (text) => /node2:~# $/m.test(text), 'node2\'s prompt');
  await page.click('[data-terminal][data-node="node2"]');
  await typeCommand(page, 'echo "on $(hostname)"');
  assert.match(await terminalText(page), /^on node2$/m);

  // Removing a node deletes everything on it: the page asks first, and "Cancel" keeps it.
  const asked: string[] = [];
  page.once('dialog', (dialog) => void (asked.push(dialog.message()), dialog.dismiss()));
  await page.click('[data-remove-node]');
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[data-remove-node]')?.disabled);
  assert.match(asked[0] ?? '', /Remove node2\? Every container, image and file on it is deleted\./);
  assert.equal(await page.isVisible('[role="tab"][data-tab="node2"]'), true, 'cancel keeps the node');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.click('[data-remove-node]');
  await page.waitForSelector('[role="tab"][data-tab="node2"]', { state: 'detached' });
  assert.equal(await page.getAttribute('[data-tab="node1"]', 'aria-selected'), 'true', 'back on node1');
  const status = await fetch(`${server.url}/api/sessions/${session.id}`, { headers: auth }).then((response) => response.json() as Promise<{ nodes: string[] }>);
  assert.deepEqual(status.nodes, ['node1']);
  await page.close();
});
