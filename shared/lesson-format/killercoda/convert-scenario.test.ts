import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertScenario } from './convert-scenario.ts';
import { importScenario } from './import-scenario.ts';
import { loadLessons } from '../load-lessons.ts';
import { validateLessons } from '../validate-lessons.ts';
import { LessonError } from '../lesson-schema.ts';

const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/killercoda/', import.meta.url));
const WEB = path.join(FIXTURES, 'busybox-web');
const TOUR = path.join(FIXTURES, 'katacoda-tour');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'slipway-killercoda-'));
}

test('a scenario converts: intro, steps with verify as check and {{exec}} commands as solution, finish, setup, assets', async () => {
  const { markdown, unsupported } = await convertScenario(WEB);
  const root = await tempDir();
  try {
    const out = path.join(root, '07-busybox-web');
    const result = await importScenario(WEB, out);
    assert.equal(await readFile(path.join(out, 'lesson.md'), 'utf8'), markdown);
    assert.deepEqual(result.unsupported, unsupported);
    const { lesson } = result;
    assert.equal(lesson.meta.title, 'Serve a page with BusyBox');
    assert.equal(lesson.meta.summary, 'Run a container, serve a page from a host folder with httpd, then clean up.');
    assert.deepEqual(lesson.steps.map((step) => step.id), ['run-a-container', 'serve-the-page', 'read-the-logs-and-clean-up']);
    assert.match(lesson.steps[0]?.check ?? '', /docker logs hello 2>&1 \| grep "hello from busybox" >\/dev\/null/);
    assert.equal(lesson.steps[2]?.solution, "# The step's {{exec}} commands, in order.\ndocker logs web\ndocker rm -f web hello\n");
    assert.match(lesson.meta.setup ?? '', /mkdir -p \/root\/site\/logs/);
    assert.deepEqual(lesson.meta.assets, [
      { file: 'index.html', target: '/root/site' },
      { file: 'greet.sh', target: '/root', chmod: '+x' },
    ]);
    assert.deepEqual(lesson.assets?.files, ['greet.sh', 'index.html']);
    assert.ok(lesson.html.includes('data-run-interrupt'), '{{exec interrupt}} became an interrupting Run');
    assert.ok(lesson.html.includes('<h1 id="welcome">Welcome'), 'the intro is the lesson introduction');
    assert.ok(lesson.html.includes('<h2 id="done">Done'), 'the finish text closes the lesson');
    assert.deepEqual(unsupported, [
      'index.json.backend: not supported, ignored',
      "intro.foreground (foreground.sh): foreground scripts are not run; Slipway runs the background script as the lesson's setup",
      "step 3.background (step3/background.sh): runs with the lesson's setup when the session starts, not when step 3 opens",
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a Katacoda-style scenario: difficulty, time, {{execute}}, and every unsupported part listed', async () => {
  const { markdown, unsupported } = await convertScenario(TOUR);
  assert.match(markdown, /^level: intermediate$/m);
  assert.match(markdown, /^minutes: 10$/m);
  assert.ok(unsupported.includes('index.json.environment: not supported, ignored'));
  assert.ok(unsupported.includes('details.intro.courseData: not supported, ignored'));
  assert.ok(unsupported.includes('step 1: marker {{open}} is not supported and is shown as text'));
  assert.ok(unsupported.includes('step 2 has no verify script: its check always passes, so the proof harness reports it'));
  assert.equal(unsupported.length, 6, unsupported.join('\n'));
});

test('the loader loads a scenario folder directly, and lessons:check validates it with its warnings', async () => {
  const root = await tempDir();
  try {
    await cp(WEB, path.join(root, '03-busybox-web'), { recursive: true });
    await cp(TOUR, path.join(root, '04-tour'), { recursive: true });
    const lessons = await loadLessons(root);
    assert.deepEqual(lessons.map((lesson) => [lesson.slug, lesson.steps.length]), [['busybox-web', 3], ['tour', 2]]);
    assert.equal(lessons[0]?.warnings.length, 3);
    const { lessons: checked, problems } = await validateLessons(root);
    assert.equal(checked, 2);
    assert.deepEqual(problems.filter((problem) => !problem.warning), []);
    assert.equal(problems.length, 9, 'every unsupported part is a warning');
    assert.ok(problems.every((problem) => problem.file.endsWith('index.json') && problem.message.startsWith('unsupported: ')));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a scenario may not read files outside its folder, and broken index.json is reported', async () => {
  const root = await tempDir();
  try {
    const dir = path.join(root, '01-evil');
    await mkdir(dir);
    await writeFile(path.join(dir, 'index.json'), JSON.stringify({ title: 'x', details: { steps: [{ title: 's', text: '../../../../etc/passwd' }] } }));
    await assert.rejects(convertScenario(dir), (error: unknown) => error instanceof LessonError && /outside the scenario folder/.test(error.message));
    await writeFile(path.join(dir, 'index.json'), '{ "title": ');
    await assert.rejects(convertScenario(dir), /index\.json is not valid JSON/);
    await writeFile(path.join(dir, 'index.json'), JSON.stringify({ title: 'x', details: {} }));
    await assert.rejects(convertScenario(dir), /is not a Killercoda scenario/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('import refuses to overwrite a lesson folder', async () => {
  const root = await tempDir();
  try {
    const out = path.join(root, '01-taken');
    await mkdir(out);
    await writeFile(path.join(out, 'lesson.md'), 'mine');
    await assert.rejects(importScenario(WEB, out), /already exists and is not empty/);
    await assert.rejects(importScenario(WEB, path.join(root, 'no-number')), /<NN>-<slug>/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a scenario in the shape of public Killercoda ones imports and validates without hand edits', async () => {
  const root = await tempDir();
  try {
    const { lesson, unsupported } = await importScenario(path.join(FIXTURES, 'bridge-lab'), path.join(root, '05-bridge-lab'));
    assert.deepEqual(lesson.steps.map((step) => step.solution?.split('\n').length), [5, 3, 4, 4], 'only {{exec}} blocks became commands');
    assert.equal(lesson.steps[0]?.hints.length, 2, 'the Info and Solution <details> became hints');
    assert.doesNotMatch(lesson.steps[0]?.solution ?? '', /Documentation|bridge driver/, 'the unmarked Info block is no command');
    assert.match(lesson.steps[1]?.solution ?? '', /--network lab-net busybox wget/);
    assert.doesNotMatch(lesson.html, /&lt;(details|br|summary)/, 'no raw HTML is left to show as text');
    assert.deepEqual(lesson.meta.assets, [{ file: 'notes.txt', target: '/root/lab' }]);
    assert.deepEqual(unsupported, [
      'index.json.backend: not supported, ignored',
      "intro.foreground (foreground.sh): foreground scripts are not run; Slipway runs the background script as the lesson's setup",
      'details.assets.host01[1]: assets/cheatsheet.pdf is not in the scenario folder, so it is not copied: add the file or remove the entry',
      'image nginx:alpine → nginx: the sandbox pulls only the image kit, which has no Alpine images',
      "image alpine → busybox (BusyBox's tools as in Alpine, but no apk): the sandbox pulls only the image kit, which has no Alpine images",
    ]);
    const { problems } = await validateLessons(root);
    assert.deepEqual(problems, [], 'lessons:check passes the imported lesson.md as written');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('several hosts: HOST2 commands run on node2, the lesson gets two nodes, every later script is placed or reported', async () => {
  const { markdown, unsupported } = await convertScenario(path.join(FIXTURES, 'two-hosts'));
  assert.match(markdown, /^nodes: 2$/m);
  assert.match(markdown, /```solution \{node=node2\}\n# The step's \{\{exec\}\} commands, in order.\ndocker run -d --name greeter/);
  assert.match(markdown, /echo step one > \/tmp\/step1\n\n {2}echo step two > \/tmp\/step2/, 'every step background joins the setup, in order');
  assert.deepEqual(unsupported, [
    "step 2.background (background2.sh): runs with the lesson's setup when the session starts, not when step 2 opens",
    'step 2.foreground (foreground2.sh): foreground scripts are not run',
    'step 2: commands for node2 are left out of the solution, which runs on node1 (a solution runs on one node)',
    'finish.background (finish-background.sh): scripts of the finish page are not run',
    "details.assets.host02: assets for other hosts are not copied (only host01, the learner's first sandbox): copy them from node1's setup over the network, or drop them",
  ]);
  const root = await tempDir();
  try {
    await cp(path.join(FIXTURES, 'two-hosts'), path.join(root, '06-two-hosts'), { recursive: true });
    const { problems } = await validateLessons(root);
    assert.deepEqual(problems.filter((problem) => !problem.warning), []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('an asset path that leaves assets/ is refused, not looked up', async () => {
  const root = await tempDir();
  try {
    const dir = path.join(root, '01-sneaky');
    await mkdir(dir);
    await writeFile(path.join(dir, 'step.md'), 'Hi');
    await writeFile(path.join(dir, 'index.json'), JSON.stringify({ title: 'x', details: { steps: [{ title: 's', text: 'step.md' }], assets: { host01: [{ file: '../../etc/passwd', target: '/root' }] } } }));
    const { markdown, unsupported } = await convertScenario(dir);
    assert.doesNotMatch(markdown, /passwd/);
    assert.ok(unsupported.includes('details.assets.host01[0]: "../../etc/passwd" is not a path inside assets/, so it is not copied'), unsupported.join('\n'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
