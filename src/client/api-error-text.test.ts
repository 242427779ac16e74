import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiErrorText } from './api-error-text.ts';
import { translator } from './localize.ts';

const zh = translator('zh-CN');

test('a coded server error is shown in the page language, with its parameters', () => {
  assert.equal(apiErrorText({ error: 'You already have 2 sessions…', code: 'sessionLimit', params: { limit: 2 } }, 429, zh), '你在此服务器上已有 2 个会话：请先结束其中一个（或等它过期），再启动新的会话。');
});

test('an uncoded or unknown code falls back to the server sentence; a body that is no error to the status', () => {
  assert.equal(apiErrorText({ error: 'Bad request body: title too long.' }, 400, zh), 'Bad request body: title too long.');
  assert.equal(apiErrorText({ error: 'Original.', code: 'toString' }, 400, zh), 'Original.');
  assert.equal(apiErrorText({ error: 'Original.', code: '__proto__' }, 400, zh), 'Original.');
  assert.equal(apiErrorText('<html>', 502, zh), '服务器返回了 HTTP 502。');
});
