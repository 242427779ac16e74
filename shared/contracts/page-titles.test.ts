import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageLessonTitlesSchema, withPageTitles } from './workshop-schemas.ts';

const lessons = [
  { slug: 'first-container', title: 'Your first container', steps: [{ id: 'run-hello', title: 'Run a container' }, { id: 'new-step', title: 'A step added since' }] },
  { slug: 'not-translated', title: 'Still English', steps: [{ id: 'one', title: 'One' }] },
];

test('workshop pages show the titles of their language, and English where they have none', () => {
  const titles = { 'first-container': { title: '你的第一个容器', steps: { 'run-hello': '运行一个容器' } } };
  assert.deepEqual(withPageTitles(lessons, titles).map((lesson) => [lesson.title, lesson.steps.map((step) => step.title)]), [
    ['你的第一个容器', ['运行一个容器', 'A step added since']],
    ['Still English', ['One']],
  ]);
});

test('page title data that is not slug → titles is refused', () => {
  assert.equal(PageLessonTitlesSchema.safeParse({ '../x': { title: 't', steps: {} } }).success, false);
  assert.equal(PageLessonTitlesSchema.safeParse({ a: { title: 1, steps: {} } }).success, false);
});
