import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localePath, pageLocale, splitLocalePath } from './locale-path.ts';

test('English is unprefixed, other languages live under /<locale>/', () => {
  assert.equal(localePath('en', '/lessons/first-container/'), '/lessons/first-container/');
  assert.equal(localePath('zh-CN', '/lessons/first-container/'), '/zh-CN/lessons/first-container/');
  assert.deepEqual(splitLocalePath('/zh-CN/lessons/x/'), { locale: 'zh-CN', path: '/lessons/x/' });
  assert.deepEqual(splitLocalePath('/zh-CN'), { locale: 'zh-CN', path: '/' });
  assert.deepEqual(splitLocalePath('/zh-CNx/'), { locale: 'en', path: '/zh-CNx/' });
  assert.deepEqual(splitLocalePath('/lessons/x/'), { locale: 'en', path: '/lessons/x/' });
});

test('an unknown route parameter is English, never an arbitrary language', () => {
  assert.equal(pageLocale(undefined), 'en');
  assert.equal(pageLocale('zh-CN'), 'zh-CN');
  assert.equal(pageLocale('<script>'), 'en');
});
