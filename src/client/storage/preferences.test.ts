import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PREFERENCES_KEY } from '../../../shared/contracts/browser-state-schemas.ts';
import { memoryStorage } from './browser-storage.ts';
import { loadPreferences, savePreferences } from './preferences.ts';

test('saved preferences load back; undefined goes back to the default', () => {
  const storage = memoryStorage();
  savePreferences(storage, { theme: 'dark', split: 40 });
  savePreferences(storage, { locale: 'zh-CN' });
  assert.deepEqual(loadPreferences(storage), { preferences: { theme: 'dark', split: 40, locale: 'zh-CN' }, dropped: false });
  savePreferences(storage, { theme: undefined });
  assert.deepEqual(loadPreferences(storage).preferences, { split: 40, locale: 'zh-CN' });
});

test('corrupt preferences are dropped and reported once', () => {
  for (const value of ['{', '{"theme":"purple"}', '{"split":5}', '{"locale":"fr"}', '[1]']) {
    const storage = memoryStorage({ [PREFERENCES_KEY]: value });
    assert.deepEqual(loadPreferences(storage), { preferences: {}, dropped: true }, value);
    assert.deepEqual(loadPreferences(storage), { preferences: {}, dropped: false });
  }
});

test('no storage at all means defaults', () => {
  assert.deepEqual(loadPreferences(null), { preferences: {}, dropped: false });
  savePreferences(null, { theme: 'light' });
});
