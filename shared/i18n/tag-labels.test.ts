import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLessons } from '../lesson-format/load-lessons.ts';
import { LOCALES } from '../contracts/browser-state-schemas.ts';
import { tagLabel, unlabelledTags } from './tag-labels.ts';

test('every topic the course uses has a label in every language', async () => {
  const tags = [...new Set((await loadLessons('lessons')).flatMap((lesson) => lesson.meta.tags))];
  assert.ok(tags.length > 10, `the course has topics (${tags.length} found)`);
  for (const locale of LOCALES) assert.deepEqual(unlabelledTags(locale, tags), [], `topics with no ${locale} label: add them to shared/i18n/tag-labels.ts`);
});

test('labels: the translation, English as written, an unknown tag as written (never an inherited property)', () => {
  assert.equal(tagLabel('zh-CN', 'volumes'), '数据卷');
  assert.equal(tagLabel('en', 'volumes'), 'volumes');
  assert.equal(tagLabel('zh-CN', 'new-topic'), 'new-topic');
  assert.equal(tagLabel('zh-CN', 'constructor'), 'constructor');
  assert.deepEqual(unlabelledTags('zh-CN', ['volumes', 'toString']), ['toString']);
});
