import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fallbackNotice } from './runtime-choice.ts';

test('the fallback page names its reason; a page not in its fallback has no notice', () => {
  assert.equal(fallbackNotice(''), null);
  assert.equal(fallbackNotice('?why=timeout'), null);
  assert.equal(fallbackNotice('?runtime=docker&why=forced'), 'runtime.fallback.forced');
  assert.equal(fallbackNotice('?runtime=docker&why=isolation'), 'runtime.fallback.isolation');
});

test('attacker: a reason the page does not know (or markup) becomes the usual sentence, never the text given', () => {
  assert.equal(fallbackNotice('?runtime=docker&why=%3Cscript%3Ealert(1)%3C/script%3E'), 'runtime.fallback.timeout');
  assert.equal(fallbackNotice('?runtime=docker'), 'runtime.fallback.timeout');
  assert.equal(fallbackNotice('?runtime=docker&why=constructor'), 'runtime.fallback.timeout');
});
