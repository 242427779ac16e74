import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from '../../shared/lesson-format/parse-lesson.ts';
import { splitSummary } from './lesson-summary.ts';

const lesson = (after: string) =>
  parseLesson({
    slug: 'demo',
    order: 1,
    file: 'lessons/01-demo/lesson.md',
    text: `---\ntitle: Demo\nsummary: A demo.\nlevel: beginner\nminutes: 5\n---\n\nIntro.\n\n::: step one First\nDo it.\n\n\`\`\`check\nexit 0\n\`\`\`\n:::\n${after}`,
  });

test('the text after the last step is the summary, and leaves the body', () => {
  const { body, summary } = splitSummary(lesson('\n## What you learned\n\n- one thing\n').html);
  assert.match(summary, /^<h2 id="what-you-learned">What you learned<a class="heading-anchor"/);
  assert.match(summary, /<li>one thing<\/li>/);
  assert.doesNotMatch(body, /What you learned/);
  assert.match(body, /Intro\./);
  assert.match(body, /data-step="one"/);
});

test('a lesson without a summary has an empty one', () => {
  const { body, summary } = splitSummary(lesson('').html);
  assert.equal(summary, '');
  assert.match(body, /data-step="one"/);
});
