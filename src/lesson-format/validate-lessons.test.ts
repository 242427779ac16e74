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

test('images a lesson lists must come from the image kit', async () => {
  const uses = (images: string) => `---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\nimages: ${images}\n---\n::: step a A\n\`\`\`check\ntrue\n\`\`\`\n:::\n`;
  const root = await lessonsDir({ '01-kit/lesson.md': uses('[busybox, nginx, redis:7, node:22, slipway/whoami]'), '02-alpine/lesson.md': uses('[nginx:alpine]') });
  try {
    const { problems } = await validateLessons(root);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0]?.file ?? '', /02-alpine/);
    assert.equal(problems[0]?.line, 6);
    assert.match(problems[0]?.message ?? '', /image "nginx:alpine" is not in the image kit/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
