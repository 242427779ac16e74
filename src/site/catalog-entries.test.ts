import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LessonFrontmatterSchema, type Lesson } from '../lesson-format/lesson-schema.ts';
import { coursePositions, courseTags } from './catalog-entries.ts';

const lesson = (slug: string, order: number, meta: Record<string, unknown> = {}): Lesson => ({
  slug,
  order,
  file: `lessons/${order}-${slug}/lesson.md`,
  meta: LessonFrontmatterSchema.parse({ title: slug, summary: 's', level: 'beginner', minutes: 5, ...meta }),
  steps: [],
  html: '',
  warnings: [],
});

test('lessons with the same number are one position, English first, positions numbered in order', () => {
  const zh = lesson('di-yi-ke', 1, { locale: 'zh-CN' });
  const en = lesson('first', 1);
  const second = lesson('second', 3);
  const positions = coursePositions([second, zh, en]);
  assert.deepEqual(positions.map((entry) => entry.position), [1, 2]);
  assert.deepEqual(positions[0]?.variants.map((variant) => variant.slug), ['first', 'di-yi-ke']);
  assert.deepEqual(positions[1]?.variants.map((variant) => variant.slug), ['second']);
});

test('a lesson only in another language is still on the path', () => {
  const positions = coursePositions([lesson('nur-deutsch', 2, { locale: 'zh-CN' })]);
  assert.deepEqual(positions[0]?.variants.map((variant) => variant.slug), ['nur-deutsch']);
});

test('tags are listed once, in course order, with CSS-safe ids', () => {
  const tags = courseTags([lesson('a', 1, { tags: ['containers', 'basics'] }), lesson('b', 2, { tags: ['basics', 'images & "layers"'] })]);
  assert.deepEqual(tags, [
    { tag: 'containers', id: 't0' },
    { tag: 'basics', id: 't1' },
    { tag: 'images & "layers"', id: 't2' },
  ]);
});
