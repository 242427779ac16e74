import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DICTIONARIES, pickLocale, translate } from './ui-strings.ts';

test('every locale has every message, none empty, with the same placeholders as English', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  for (const [locale, dictionary] of Object.entries(DICTIONARIES)) {
    assert.deepEqual(Object.keys(dictionary).sort(), Object.keys(DICTIONARIES.en).sort(), locale);
    for (const [key, text] of Object.entries(dictionary)) {
      assert.ok(text.length > 0, `${locale} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(DICTIONARIES.en[key as keyof typeof DICTIONARIES.en]), `${locale} ${key}`);
    }
  }
});

test('placeholders are filled; a missing parameter stays visible rather than printing "undefined"', () => {
  assert.equal(translate('en', 'steps.progress', { done: 2, total: 4 }), '2 of 4 steps done');
  assert.equal(translate('zh-CN', 'steps.progress', { done: 2, total: 4 }), '已完成 2/4 步');
  assert.equal(translate('en', 'steps.progress', { done: 2 }), '2 of {total} steps done');
});

test('the learner\'s language: the saved choice, else the first browser language we have, else English', () => {
  assert.equal(pickLocale(undefined, ['zh-CN', 'en']), 'zh-CN');
  assert.equal(pickLocale(undefined, ['zh-TW']), 'zh-CN');
  assert.equal(pickLocale(undefined, ['fr-FR', 'en-GB', 'zh-CN']), 'en');
  assert.equal(pickLocale(undefined, ['fr-FR', 'de']), 'en');
  assert.equal(pickLocale(undefined, []), 'en');
  assert.equal(pickLocale('en', ['zh-CN']), 'en');
});
