import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLesson } from './parse-lesson.ts';
import { LessonError, type Lesson } from './lesson-schema.ts';

const FIRST_LESSON_FILE = 'lessons/01-first-container/lesson.md';
const firstLessonText = readFileSync(fileURLToPath(new URL(`../../${FIRST_LESSON_FILE}`, import.meta.url)), 'utf8');
const FILE = 'lessons/99-test/lesson.md';

const FRONTMATTER = '---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\n---\n'; // lines 1-6
const step = (id: string, body = 'Some text.\n') => `::: step ${id} A title\n${body}\`\`\`check\ntrue\n\`\`\`\n:::\n`;

const parse = (text: string): Lesson => parseLesson({ slug: '99-test', order: 99, file: FILE, text });

/** Asserts that parsing fails with a LessonError located at `line` whose message matches `pattern`. */
function assertLessonError(text: string, line: number, pattern: RegExp): void {
  assert.throws(
    () => parse(text),
    (error: unknown) => {
      assert.ok(error instanceof LessonError, `expected a LessonError, got ${String(error)}`);
      assert.equal(error.file, FILE);
      assert.equal(error.line, line, `wrong line for: ${error.message}`);
      assert.ok(error.message.startsWith(`${FILE}:${line}: `), error.message);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.startsWith(needle)) + 1;

describe('the first lesson', () => {
  const lesson = parseLesson({ slug: '01-first-container', order: 1, file: FIRST_LESSON_FILE, text: firstLessonText });

  test('has its frontmatter, with defaults filled in', () => {
    assert.equal(lesson.slug, '01-first-container');
    assert.equal(lesson.order, 1);
    assert.equal(lesson.file, FIRST_LESSON_FILE);
    assert.deepEqual(lesson.meta, {
      title: 'Your first container',
      summary: 'Run a container, list what ran, start one in the background with a name, read its logs and clean up.',
      level: 'beginner',
      minutes: 8,
      tags: ['containers', 'basics'],
      images: ['busybox'],
      nodes: 1,
      runtime: 'docker',
    });
  });

  test('has its four steps in order, with titles and the lines of their markers', () => {
    assert.deepEqual(
      lesson.steps.map(({ id, title, line }) => ({ id, title, line })),
      [
        { id: 'run-hello', title: 'Run a container', line: lineOf(firstLessonText, '::: step run-hello') },
        { id: 'clean-up', title: 'List containers and remove stopped ones', line: lineOf(firstLessonText, '::: step clean-up') },
        { id: 'detached', title: 'Run a container in the background with a name', line: lineOf(firstLessonText, '::: step detached') },
        { id: 'stop-and-remove', title: 'Stop and remove it', line: lineOf(firstLessonText, '::: step stop-and-remove') },
      ],
    );
    assert.equal(lesson.steps[0]?.line, 13);
  });

  test('every step has a check and a solution', () => {
    for (const current of lesson.steps) {
      assert.ok(current.check.trim().length > 0, `${current.id} has a check`);
      assert.ok(current.solution && current.solution.trim().length > 0, `${current.id} has a solution`);
    }
    const [runHello] = lesson.steps;
    assert.match(runHello?.check ?? '', /grep "Hello from my first container" >\/dev\/null && exit 0/);
    assert.equal(runHello?.solution, 'docker run busybox echo "Hello from my first container"\n');
    assert.deepEqual(
      lesson.steps.map((current) => current.hints.length),
      [1, 1, 1, 0],
    );
  });

  test('the html carries no check script', () => {
    for (const current of lesson.steps) {
      for (const line of current.check.split('\n').map((text) => text.trim()).filter((text) => text.length >= 20)) {
        assert.ok(!lesson.html.includes(escapeHtml(line)) && !lesson.html.includes(line), `check line leaked into the html: ${line}`);
      }
    }
    for (const text of ['No busybox container has printed the greeting yet.', 'There are still stopped containers', 'No container named ticker yet.', 'The container ticker still exists.']) {
      assert.ok(!lesson.html.includes(text), text);
    }
    assert.ok(!lesson.html.includes('check'), 'not even the fence tag');
  });

  test('the html has a section per step and Run buttons on shell and solution blocks', () => {
    for (const current of lesson.steps) assert.ok(lesson.html.includes(`<section class="step" id="step-${current.id}" data-step="${current.id}">`));
    const runnableBlocks = firstLessonText.split('\n').filter((line) => /^```(sh|solution)\s*$/.test(line)).length;
    const runButtons = lesson.html.match(/<button type="button" class="code-run" data-action="run" aria-label="Run in the terminal" data-i18n-attr="aria-label:code.runLabel" data-i18n="code.run">Run<\/button>/g) ?? [];
    assert.equal(runButtons.length, runnableBlocks);
    assert.ok(runnableBlocks >= 8);
    assert.ok(lesson.html.includes('<details class="solution"><summary data-i18n="code.solution">Show solution</summary>'));
    assert.ok(lesson.html.includes('<details class="hint"><summary data-i18n="code.hint">Hint</summary>'));
    assert.ok(lesson.html.includes('<h2 id="what-you-learned">What you learned<a class="heading-anchor" href="#what-you-learned" aria-label="Link to this section" data-i18n-attr="aria-label:heading.linkSection">#</a></h2>'), 'prose after the last step is kept');
  });
});

describe('lesson errors', () => {
  test('missing frontmatter', () => {
    assertLessonError('# A lesson\n\n' + step('a'), 1, /missing frontmatter/);
    assertLessonError('\n---\ntitle: T\n---\n' + step('a'), 1, /missing frontmatter/);
  });

  test('an unknown frontmatter key on the first line of the frontmatter', () => {
    assertLessonError('---\ntitel: T\nsummary: S\nlevel: beginner\nminutes: 5\n---\n' + step('a'), 2, /Unrecognized key: "titel"/);
  });

  test(
    'an unknown frontmatter key is reported at the line of that key',
    () => {
      assertLessonError('---\ntitle: T\nsummary: S\nlevle: beginner\nlevel: beginner\nminutes: 5\n---\n' + step('a'), 4, /Unrecognized key: "levle"/);
    },
  );

  test('an invalid frontmatter value is reported at the line of its key', () => {
    assertLessonError('---\ntitle: T\nsummary: S\nlevel: expert\nminutes: 5\n---\n' + step('a'), 4, /frontmatter: .*at level/);
    assertLessonError('---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 500\n---\n' + step('a'), 5, /at minutes/);
  });

  test('a missing frontmatter key is reported at the frontmatter', () => {
    assertLessonError('---\ntitle: T\nsummary: S\nlevel: beginner\n---\n' + step('a'), 2, /at minutes/);
  });

  test('frontmatter that is not a mapping', () => {
    assertLessonError('---\njust a sentence\n---\n' + step('a'), 2, /frontmatter: .*expected object/);
  });

  test('bad YAML on the first line of the frontmatter', () => {
    assertLessonError('---\ntitle: T: x\nsummary: S\n---\n' + step('a'), 2, /frontmatter is not valid YAML: Nested mappings/);
  });

  test(
    'bad YAML further down is reported at its own line',
    () => {
      assertLessonError('---\ntitle: T\nsummary: S\ntitle: again\nlevel: beginner\nminutes: 5\n---\n' + step('a'), 4, /not valid YAML/);
    },
  );

  test('duplicate step id, at the second step', () => {
    const text = FRONTMATTER + '\n' + step('same') + '\n' + step('other') + '\n' + step('same');
    // Frontmatter 1-6, blank, "same" 8-13, blank, "other" 15-20, blank, second "same" at 22.
    assertLessonError(text, 22, /duplicate step id "same"/);
  });

  test('a step without a check, at the step', () => {
    assertLessonError(FRONTMATTER + '\n' + step('good') + '\n::: step lazy No check\nJust prose.\n```sh\necho hi\n```\n:::\n', 15, /step "lazy" has no check/);
  });

  test('invalid step ids', () => {
    for (const id of ['Bad_Id', 'UPPER', '-dash-first', 'a'.repeat(65)]) {
      assertLessonError(FRONTMATTER + '\nIntro.\n\n' + step(id), 10, new RegExp(`step id "${id}" is not valid`));
    }
  });

  test('a step without a title', () => {
    assertLessonError(FRONTMATTER + '\n::: step untitled\n```check\ntrue\n```\n:::\n', 8, /step "untitled" has no title/);
  });

  test('a check block outside a step, at the block', () => {
    assertLessonError(FRONTMATTER + '\nIntro.\n\n```check\ntrue\n```\n\n' + step('a'), 10, /a ```check block must be inside a step/);
    assertLessonError(FRONTMATTER + '\n' + step('a') + '\n```solution\ndocker ps\n```\n', 15, /a ```solution block must be inside a step/);
  });

  test('two check blocks in one step, at the second', () => {
    assertLessonError(FRONTMATTER + '\n::: step a A\n```check\ntrue\n```\n\n```check\nfalse\n```\n:::\n', 13, /step "a" has two check blocks/);
  });

  test('a step opened before the previous one is closed', () => {
    assertLessonError(FRONTMATTER + '\n::: step a A\n```check\ntrue\n```\n\n::: step b B\n```check\ntrue\n```\n:::\n', 13, /step "a" is not closed/);
  });

  test('no steps at all, at the first line after the frontmatter', () => {
    assertLessonError(FRONTMATTER + '\nJust prose, no steps.\n', 7, /no steps/);
    assertLessonError('---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\ntags: [a]\n---\n', 8, /no steps/);
  });
});

describe('lesson parsing', () => {
  test('line numbers are right with Windows line endings', () => {
    const lesson = parse((FRONTMATTER + '\n' + step('a') + '\n' + step('b')).replaceAll('\n', '\r\n'));
    assert.deepEqual(
      lesson.steps.map(({ id, line }) => ({ id, line })),
      [
        { id: 'a', line: 8 },
        { id: 'b', line: 15 },
      ],
    );
  });

  test('hints are collected, several per step', () => {
    const lesson = parse(FRONTMATTER + step('a', '```hint\nfirst\n```\n\n```hint\nsecond\n```\n'));
    assert.deepEqual(lesson.steps[0]?.hints, ['first\n', 'second\n']);
  });
});

describe('untrusted markdown', () => {
  test('raw HTML is escaped, not passed through', () => {
    const lesson = parse(FRONTMATTER + '\n<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\nInline <b onclick="x()">bold</b>.\n\n' + step('a'));
    assert.ok(!/<script/i.test(lesson.html), lesson.html);
    assert.ok(!/<img/i.test(lesson.html), lesson.html);
    assert.ok(!/<b /i.test(lesson.html), lesson.html);
    assert.ok(lesson.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(lesson.html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'));
  });

  test('javascript: links produce no javascript: href', () => {
    const lesson = parse(FRONTMATTER + '\n[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) <javascript:alert(1)> [z](vbscript:msgbox)\n\n' + step('a'));
    assert.ok(!/href\s*=\s*["']?\s*(javascript|vbscript):/i.test(lesson.html), lesson.html);
    assert.ok(!/<a (?!class="heading-anchor")/.test(lesson.html), lesson.html);
  });

  test('ordinary links still work', () => {
    const lesson = parse(FRONTMATTER + '\nSee [the docs](https://docs.docker.com/).\n\n' + step('a'));
    assert.ok(lesson.html.includes('<a href="https://docs.docker.com/">the docs</a>'));
  });

  test('step titles and fence languages are escaped', () => {
    const lesson = parse(FRONTMATTER + '\n::: step a <b onclick="x">Bold</b>\n```"><img\ncode\n```\n\n```check\ntrue\n```\n:::\n');
    assert.equal(lesson.steps[0]?.title, '<b onclick="x">Bold</b>');
    assert.ok(!/<img|<b /i.test(lesson.html), lesson.html);
    assert.ok(lesson.html.includes('&lt;b onclick=&quot;x&quot;&gt;Bold&lt;/b&gt;'));
  });
});

describe('file blocks, quizzes, modifiers and setup', () => {
  test('file blocks are collected per step with their node and line', () => {
    const lesson = parse(FRONTMATTER + step('a', '```dockerfile file=/root/app/Dockerfile\nFROM busybox\n```\n'));
    assert.deepEqual(lesson.steps[0]?.files, [{ path: '/root/app/Dockerfile', node: 'node1', content: 'FROM busybox\n', line: 8 }]);
  });

  test('a quiz: single choice, multiple choice, and a quiz-only step', () => {
    const quizzes = '```quiz\nquestion: Which flag runs in the background?\noptions: [-d, -it, --rm]\nanswer: 1\nexplanation: "`-d` detaches."\n```\n\n' +
      '```quiz\nquestion: Which remove a container?\noptions: [docker rm, docker rmi, docker rm -f]\nanswers: [3, 1]\n```\n';
    const lesson = parse(`${FRONTMATTER}::: step read Read first\n${quizzes}:::\n`);
    const [single, multiple] = lesson.steps[0]?.quizzes ?? [];
    assert.deepEqual(single, { id: 'read-quiz-1', question: 'Which flag runs in the background?', options: ['-d', '-it', '--rm'], multiple: false, correct: [1], explanation: '`-d` detaches.', line: 8 });
    assert.deepEqual(multiple?.correct, [1, 3]);
    assert.equal(multiple?.multiple, true);
    assert.equal(lesson.steps[0]?.check, '', 'a quiz-only step has no check');
    assert.match(lesson.html, /<fieldset><legend>Which flag runs in the background\?<\/legend><label class="quiz-option"><input type="radio" name="read-quiz-1" value="1">/);
    assert.match(lesson.html, /<input type="checkbox" name="read-quiz-2" value="1">/);
    assert.ok(!/correct|checked/i.test(lesson.html), 'the answer is not in the page (only a hash key)');
  });

  test('quiz errors point at the quiz line that is wrong', () => {
    const quiz = (yaml: string) => `${FRONTMATTER}::: step q Q\n\`\`\`quiz\n${yaml}\n\`\`\`\n:::\n`; // fence on line 8, YAML from line 9
    assertLessonError(quiz('question: Q\noptions: [a, b]\nanswer: 3'), 11, /larger than the number of options/);
    assertLessonError(quiz('question: Q\noptions: [a, b]\nanswer: 1\nanswers: [1]'), 12, /exactly one of `answer: N`/);
    assertLessonError(quiz('question: Q\noptions: [a, b]'), 9, /exactly one of `answer: N`/);
    assertLessonError(quiz('question: Q\noptions: [a, b]\nanswer: 1\nhint: nope'), 12, /Unrecognized key: "hint"/);
    assertLessonError(quiz('question: Q\noptions: [a]\nanswer: 1'), 10, /options/);
    assertLessonError(quiz('question: [unclosed\noptions: [a, b]'), 10, /quiz is not valid YAML/);
  });

  test('an unknown fence modifier is an error at the fence', () => {
    assertLessonError(FRONTMATTER + step('a', '```sh {interupt}\ndocker ps\n```\n'), 8, /unknown code block modifier "interupt"/);
  });

  test('node=nodeN must exist in the lesson', () => {
    assertLessonError(FRONTMATTER + step('a', '```sh {node=node2}\ndocker ps\n```\n'), 8, /node=node2 but the lesson has 1 node/);
    const twoNodes = FRONTMATTER.replace('minutes: 5\n', 'minutes: 5\nnodes: 2\n');
    assert.equal(parse(twoNodes + step('a', '```sh {node=node2}\ndocker ps\n```\n')).steps.length, 1);
  });

  test('a solution keeps the node it runs on, which must exist in the lesson', () => {
    const solution = (node: string) => `::: step a A title\n\`\`\`check\ntrue\n\`\`\`\n\n\`\`\`solution {node=${node}}\ndocker ps\n\`\`\`\n:::\n`;
    const twoNodes = FRONTMATTER.replace('minutes: 5\n', 'minutes: 5\nnodes: 2\n');
    const lesson = parse(twoNodes + solution('node2'));
    assert.equal(lesson.steps[0]?.solutionNode, 'node2');
    assert.equal(lesson.steps[0]?.solution, 'docker ps\n');
    assert.equal(lesson.steps[0]?.scriptLines.solution, 14, 'the solution script starts on the line after its fence');
    assert.equal(parse(twoNodes + solution('node1')).steps[0]?.solutionNode, undefined, 'node1 is the default');
    assert.equal(parse(FRONTMATTER + step('a')).steps[0]?.solutionNode, undefined);
    assertLessonError(FRONTMATTER + solution('node2'), 12, /node=node2 but the lesson has 1 node/);
    assertLessonError(twoNodes + solution('node3'), 13, /node=node3 but the lesson has 2 nodes/);
    assertLessonError(twoNodes + '::: step a A title\n```check {node=node2}\ntrue\n```\n:::\n', 9, /checks always run on node1/);
  });

  test('a file block outside a step is an error', () => {
    assertLessonError(FRONTMATTER + '\n```yaml file=/root/x.yaml\na: 1\n```\n\n' + step('a'), 8, /a file block \(file=\/root\/x\.yaml\) must be inside a step/);
  });

  test('setup and assets in the frontmatter', () => {
    const lesson = parse(FRONTMATTER.replace('---\n\n', '').replace('minutes: 5\n', 'minutes: 5\nsetup: |\n  mkdir -p /root/app\nassets: /root/app\n') + step('a'));
    assert.equal(lesson.meta.setup, 'mkdir -p /root/app\n');
    assert.equal(lesson.meta.assets, '/root/app');
    assertLessonError(FRONTMATTER.replace('minutes: 5\n', 'minutes: 5\nassets: relative/dir\n') + step('a'), 6, /absolute path/);
    assertLessonError(FRONTMATTER.replace('minutes: 5\n', 'minutes: 5\nassets:\n  - { file: ../x, target: /root }\n') + step('a'), 6, /inside assets/);
  });
});
