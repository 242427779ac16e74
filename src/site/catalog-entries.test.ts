import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LessonFrontmatterSchema, type Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { LocalizedLesson } from '../../shared/lesson-format/translation/localize-lesson.ts';
import { courseInLocale, courseTags } from './catalog-entries.ts';

const lesson = (slug: string, order: number, meta: Record<string, unknown> = {}): Lesson => ({
  slug,
  order,
  file: `lessons/${order}-${slug}/lesson.md`,
  meta: LessonFrontmatterSchema.parse({ title: slug, summary: 's', level: 'beginner', minutes: 5, ...meta }),
  steps: [],
  html: '',
  warnings: [],
});

test('each lesson in the language asked for where translated, else in English and marked', () => {
  const first = lesson('first', 1);
  const second = lesson('second', 2);
  const chinese: LocalizedLesson = { ...first, meta: { ...first.meta, title: '第一课' }, locale: 'zh-CN', messages: { a: [['No.', '没有。']] } };
  const translations = new Map([['first', { 'zh-CN': chinese }]]);
  const zh = courseInLocale([first, second], translations, 'zh-CN');
  assert.deepEqual(zh.map((entry) => [entry.lesson.meta.title, entry.translated]), [['第一课', true], ['second', false]]);
  assert.deepEqual(zh[0]?.messages, { a: [['No.', '没有。']] });
  const en = courseInLocale([first, second], translations, 'en');
  assert.deepEqual(en.map((entry) => [entry.lesson.meta.title, entry.translated]), [['first', true], ['second', true]]);
});

test('tags are listed once, in course order, with CSS-safe ids', () => {
  const tags = courseTags([lesson('a', 1, { tags: ['containers', 'basics'] }), lesson('b', 2, { tags: ['basics', 'images & "layers"'] })]);
  assert.deepEqual(tags, [
    { tag: 'containers', id: 't0' },
    { tag: 'basics', id: 't1' },
    { tag: 'images & "layers"', id: 't2' },
  ]);
});
