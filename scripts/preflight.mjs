// @ts-check
// The one entry for `npm start|dev|build|test|bench|images` and .ci/run: provisions what this machine lacks
// (Node 22, a Docker engine and Slipway's sandbox engine beside it, Chromium for tests), then runs scripts/commands/<command>.ts under Node 22.
// Plain JavaScript on purpose: it must run on the old Node it replaces.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEngine } from './lib/docker-engine.mjs';
import { ensureSandboxEngine } from './lib/sandbox-engine.mjs';
import { ensureNode22, nodeIsRecentEnough, rerunUnder } from './lib/node-runtime.mjs';
import { ensureCommand, ensureFile } from './lib/system-packages.mjs';
import { fail } from './lib/say.mjs';

const COMMANDS = ['start', 'dev', 'build', 'test', 'bench', 'images', 'lessons-test', 'lessons-check', 'lessons-import', 'lessons-stamp', 'provision'];
const NEEDS_ENGINE = new Set(['start', 'dev', 'test', 'bench', 'images', 'lessons-test', 'provision']);
const NEEDS_BROWSER = new Set(['test', 'bench', 'provision']);
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
const [command = '', ...args] = process.argv.slice(2);
if (!COMMANDS.includes(command)) fail(`usage: node scripts/preflight.mjs <${COMMANDS.join('|')}>`);

if (!nodeIsRecentEnough()) rerunUnder(ensureNode22());
if (command !== 'provision' && !existsSync('node_modules/astro')) fail('dependencies are missing: run `npm install` first.');
if (NEEDS_ENGINE.has(command)) {
  await ensureEngine();
  await ensureSandboxEngine();
}
if (NEEDS_BROWSER.has(command)) {
  ensureCommand(process.env.SLIPWAY_CHROMIUM ?? 'chromium', ['chromium'], 'the browser tests');
  // Chinese pages (zh-CN lessons, screenshots) render in Chromium with a CJK font, not as empty boxes.
  ensureFile(CJK_FONT, ['fonts-noto-cjk'], 'Chinese text in the browser tests and screenshots');
}
if (command !== 'provision') {
  const { run } = await import(`./commands/${command}.ts`);
  await run(args).catch((/** @type {Error} */ error) => fail(error.message));
}
