import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_LESSONS_DIR } from './load-lessons.ts';
import { validateLessons } from './validate-lessons.ts';

const FRONTMATTER = '---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\n---\n';

async function lessonsDir(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'slipway-lessons-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.join(root, path.dirname(name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

test('the course in lessons/ has no problems', async () => {
  const { lessons, problems } = await validateLessons(DEFAULT_LESSONS_DIR);
  assert.ok(lessons >= 1);
  assert.deepEqual(problems, []);
});

test('every broken lesson is reported with its file and line, and the rest are still checked', async () => {
  const good = `${FRONTMATTER}::: step a A\n\`\`\`check\ntrue\n\`\`\`\n:::\n`;
  // Lines: 1-6 frontmatter, 7 step, 8 fence, 9 "true", 10 "if [ x ]; then", 11 fence end…
  const badShell = `${FRONTMATTER}::: step a A\n\`\`\`check\ntrue\nif [ x ]; then\n\`\`\`\n\`\`\`solution\necho fine\n\`\`\`\n:::\n`;
  const root = await lessonsDir({
    '01-good/lesson.md': good,
    '02-bad-shell/lesson.md': badShell,
    '03-no-frontmatter/lesson.md': '::: step a A\n:::\n',
    '04-empty/README.txt': 'no lesson here',
    'notes/lesson.md': good,
  });
  try {
    const { lessons, problems } = await validateLessons(root);
    assert.equal(lessons, 3, 'folders with a lesson.md are checked');
    const byFolder = (folder: string) => problems.filter((problem) => problem.file.includes(folder));
    assert.deepEqual(byFolder('01-good'), []);
    const [shell] = byFolder('02-bad-shell');
    assert.equal(shell?.line, 11, 'bash -n reports the end of the unterminated if, mapped into lesson.md');
    assert.match(shell?.message ?? '', /step "a" check: syntax error/);
    assert.match(byFolder('03-no-frontmatter')[0]?.message ?? '', /missing frontmatter/);
    assert.match(byFolder('04-empty')[0]?.message ?? '', /missing lesson\.md/);
    assert.match(byFolder('notes')[0]?.message ?? '', /not <NN>-<slug>/);
    assert.equal(problems.length, 4);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('images the sandbox cannot pull, missing assets, setup syntax, checks piping into grep -q and imported warnings', async () => {
  const lesson = [
    '---', 'title: T', 'summary: S', 'level: beginner', 'minutes: 5', 'images: [busybox, postgres]', // 1-6
    'setup: |', '  cp $SLIPWAY_ASSETS/missing.txt /root/; echo x > "$SLIPWAY_ASSETS/written.txt"', '  if true; then', // 7-9
    '---', // 10
    '::: step a A', // 11
    '```sh', 'docker build -t myapp .', '```', // 12-14
    '```check', 'docker ps | grep -q myapp', '```', // 15-17
    '```solution', 'docker run --rm myapp', 'docker run -d mysql:8', '```', // 18-21
    ':::', '',
  ].join('\n');
  const root = await lessonsDir({
    '01-images/lesson.md': lesson,
    '02-placed/lesson.md': `---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\nassets:\n  - { file: app.py, target: /root }\n---\n::: step a A\n\`\`\`check\ntrue\n\`\`\`\n:::\n`,
    '02-placed/assets/other.py': 'print(1)\n',
    '03-no-assets-folder/lesson.md': `---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\nassets: /root/app\n---\n::: step a A\n\`\`\`check\ntrue\n\`\`\`\n:::\n`,
  });
  try {
    const { problems } = await validateLessons(root);
    const found = problems.map(({ file, line, message }) => `${path.basename(path.dirname(file))}:${line}: ${message}`);
    const expect = (pattern: RegExp) => assert.ok(found.some((line) => pattern.test(line)), `${pattern} not in:\n${found.join('\n')}`);
    expect(/^01-images:6: images: "postgres" is not available/);
    expect(/^01-images:20: step "a" solution uses image "mysql:8", which is not available/);
    expect(/^01-images:8: setup uses \$SLIPWAY_ASSETS\/missing.txt but assets\/missing.txt does not exist/);
    expect(/^01-images:(9|10): setup: syntax error/);
    expect(/^02-placed:6: assets: "app.py" is not in the assets\/ folder/);
    expect(/^01-images:16: step "a" check pipes into grep -q, which can fail the check under pipefail/);
    expect(/^03-no-assets-folder:6: assets: the frontmatter places assets but the lesson folder has no assets\/ folder/);
    assert.ok(!found.some((line) => /"myapp"|"busybox"/.test(line)), 'built and kit images are fine');
    assert.equal(found.length, 7, found.join('\n'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a webcontainer lesson: what jsh cannot run, Docker-only keys, files outside the project and binary files are reported', async () => {
  const wc = (extra: string, body: string) => `---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\nruntime: webcontainer\n${extra}---\n${body}`;
  const step = (check: string) => `::: step a A\n\`\`\`check\n${check}\n\`\`\`\n:::\n`;
  const root = await lessonsDir({
    '01-good/lesson.md': wc('', step(`node -e "process.exit(require('fs').existsSync('app.js') ? 0 : 1)"`)),
    '01-good/assets/app.js': 'console.log(1);\n',
    '02-bash/lesson.md': wc('', `${step('[[ -f app.js ]] && docker ps')}`),
    '03-curl/lesson.md': wc('', step('curl -s localhost:3000 | grep hi')),
    '04-nodes/lesson.md': wc('nodes: 2\n', step('true')),
    '05-setup/lesson.md': wc('setup: echo hi\n', step('true')),
    '06-outside/lesson.md': wc('', `::: step a A\n\`\`\`js file=/etc/app.js\nx\n\`\`\`\n\`\`\`check\ntrue\n\`\`\`\n:::\n`),
    '07-binary/lesson.md': wc('', step('true')),
    '07-binary/assets/logo.png': '\u0000PNG',
    '08-image-on-docker/lesson.md': '---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\nimage: node:22\n---\n' + step('true'),
  });
  try {
    const { problems } = await validateLessons(root);
    const found = problems.map(({ file, line, message }) => `${path.basename(path.dirname(file))}:${line}: ${message}`);
    const expect = (pattern: RegExp) => assert.ok(found.some((line) => pattern.test(line)), `${pattern} not in:\n${found.join('\n')}`);
    expect(/^02-bash:10: step "a" check: the browser runtime has no Docker engine/);
    expect(/^03-curl:10: step "a" check: the browser shell has no curl/);
    expect(/^04-nodes:7: frontmatter: .*one machine/);
    expect(/^05-setup:7: frontmatter: .*no setup script/);
    expect(/^06-outside:9: file=\/etc\/app\.js is outside the project folder/);
    expect(/^07-binary:1: assets\/logo\.png is not UTF-8 text/);
    expect(/^08-image-on-docker:6: frontmatter: .*`image:` names the fallback sandbox/);
    assert.ok(!found.some((line) => line.startsWith('01-good')), found.join('\n'));
    assert.equal(found.length, 7, found.join('\n'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
