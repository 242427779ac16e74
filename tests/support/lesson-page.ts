// Driving a lesson page in Chromium as a learner would: wait for the sandbox, read the terminal through
// xterm's buffer (the DOM rows lag it by a frame), type commands and wait for the prompt.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const PROMPT = /^node\d:~# /gm;

/** The active terminal's text as xterm holds it. */
export const terminalText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const buffer = window.slipwayTerminal?.buffer.active;
    if (!buffer) return '';
    return Array.from({ length: buffer.length }, (_, row) => buffer.getLine(row)?.translateToString(true) ?? '').join('\n');
  });

export async function waitForTerminal(page: Page, test: (text: string) => boolean, what: string, tries = 150): Promise<void> {
  for (let attempt = 0; attempt < tries; attempt += 1) {
    if (test(await terminalText(page))) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`the terminal never showed ${what}; it shows:\n${await terminalText(page)}`);
}

export const promptCount = async (page: Page) => (await terminalText(page)).match(PROMPT)?.length ?? 0;

/** Waits until the terminal shows more prompts than `before`: the command typed after it has finished. */
export const waitForPrompt = (page: Page, before: number) =>
  waitForTerminal(page, (text) => (text.match(PROMPT)?.length ?? 0) > before, `a prompt after the ${before}th`);

/** What a page received and stumbled on since it was watched: its control frames and its failures, timed. */
const watched = new WeakMap<Page, () => string>();

function watch(page: Page): void {
  if (watched.has(page)) return;
  const frames: string[] = [];
  const problems: string[] = [];
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => typeof payload === 'string' && frames.push(`${at()} ${payload.slice(0, 200)}`)));
  page.on('pageerror', (error) => problems.push(`${at()} page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`${at()} console: ${message.text()}`));
  page.on('requestfailed', (request) => problems.push(`${at()} ${request.url()} failed: ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${at()} ${response.url()}: ${response.status()}`));
  page.on('load', () => problems.push(`${at()} load`));
  watched.set(page, () => `control frames: ${frames.slice(-20).join(' ') || 'none'}; page: ${problems.slice(-20).join('; ') || 'nothing'}`);
}

export async function openLesson(page: Page, url: string): Promise<void> {
  watch(page);
  await page.goto(url);
  await waitForReady(page);
  await waitForTerminal(page, (text) => /node1:~# $/m.test(text), 'the first prompt');
}

/**
 * How long a page may wait for its sandbox. Longer than the test servers' SLIPWAY_READY_TIMEOUT_S (180 s,
 * tests/support/test-server.ts), so a slow start on a loaded machine is waited for rather than cut short: with
 * the product's 60 s, the inner engine of a sandbox started beside every other test file sometimes took longer,
 * the POST answered 503 and the page stayed on "could not start" (a stuck page once in about five runs).
 */
export const SANDBOX_READY_TIMEOUT_MS = 240_000;

/** Waits for the page's sandbox; a timeout says where the page stood (its connection state and status line). */
export async function waitForReady(page: Page): Promise<void> {
  const started = Date.now();
  try {
    await page.waitForFunction(() => window.slipwayStore?.getState().connection.status === 'ready', undefined, { timeout: SANDBOX_READY_TIMEOUT_MS });
  } catch (error) {
    const stood = await page
      .evaluate(() => ({ url: location.href, store: window.slipwayStore !== undefined, connection: window.slipwayStore?.getState().connection, session: window.slipwayStore?.getState().session?.id, statusLine: document.querySelector('[data-status-line]')?.textContent }))
      .catch((reason: unknown) => `unreadable (${String(reason)})`);
    const seen = watched.get(page)?.() ?? 'not watched (openLesson watches a page)';
    throw new Error(`the page was not ready after ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(stood)}; ${seen}`, { cause: error });
  }
}

export const waitForStep = (page: Page, step: string) =>
  page.waitForFunction((id) => window.slipwayStore?.getState().completed.includes(id), step, { timeout: 30_000 });

/** Types a command into the focused terminal and waits for the next prompt. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  const before = await promptCount(page);
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await waitForPrompt(page, before);
}

/** Ends every sandbox this browser context started (the page keeps them in localStorage, one per lesson). */
export async function endKnownSessions(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const known = JSON.parse(localStorage.getItem('slipway.sessions') ?? '[]') as { id: string; token: string }[];
    await Promise.all(known.map((session) => fetch(`/api/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } })));
  });
}
