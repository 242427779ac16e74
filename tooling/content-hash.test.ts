import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentHash, listFiles } from './content-hash.ts';

let root: string;
let counter = 0;

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'slipway-content-hash-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh directory holding `files` (relative path → content), created in the given order. */
async function context(files: Record<string, string | Buffer>): Promise<string> {
  const dir = path.join(root, `ctx-${counter++}`);
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

const BASE = {
  Dockerfile: 'FROM docker:dind\nCOPY bashrc-prompt.sh /etc/profile.d/\n',
  'bashrc-prompt.sh': "printf '\\033]7777;slipway;done;%s\\007' \"$status\"\n",
  'scripts/entry.sh': '#!/bin/sh\nexec dockerd\n',
};

describe('contentHash', () => {
  test('is a sha256 hex digest, stable across calls', async () => {
    const dir = await context(BASE);
    const hash = await contentHash(dir);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(await contentHash(dir), hash);
  });

  test('same content gives the same hash, wherever it lives and in whatever order it was written', async () => {
    const one = await context(BASE);
    const reversed = Object.fromEntries(Object.entries(BASE).reverse());
    const two = await context(reversed);
    assert.notEqual(one, two);
    assert.equal(await contentHash(one), await contentHash(two));
  });

  test('a one-byte change gives a different hash, and undoing it gives the old one back', async () => {
    const dir = await context(BASE);
    const before = await contentHash(dir);
    await writeFile(path.join(dir, 'scripts/entry.sh'), '#!/bin/sh\nexec dockerD\n');
    const changed = await contentHash(dir);
    assert.notEqual(changed, before);
    await writeFile(path.join(dir, 'scripts/entry.sh'), BASE['scripts/entry.sh']);
    assert.equal(await contentHash(dir), before);
  });

  test('a binary byte change is seen', async () => {
    const a = await context({ blob: Buffer.from([0, 1, 2, 3, 255]) });
    const b = await context({ blob: Buffer.from([0, 1, 2, 3, 254]) });
    assert.notEqual(await contentHash(a), await contentHash(b));
  });

  test('renaming or moving a file gives a different hash', async () => {
    const dir = await context(BASE);
    const original = await contentHash(dir);
    await rename(path.join(dir, 'bashrc-prompt.sh'), path.join(dir, 'prompt.sh'));
    const renamed = await contentHash(dir);
    assert.notEqual(renamed, original);
    await rename(path.join(dir, 'prompt.sh'), path.join(dir, 'scripts/bashrc-prompt.sh'));
    const moved = await contentHash(dir);
    assert.notEqual(moved, original);
    assert.notEqual(moved, renamed);
  });

  test('adding a file, even an empty one, gives a different hash', async () => {
    const dir = await context(BASE);
    const before = await contentHash(dir);
    await writeFile(path.join(dir, '.dockerignore'), '');
    assert.notEqual(await contentHash(dir), before);
  });

  test('content moving from one file to the next is seen', async () => {
    const a = await context({ a: 'xy', b: 'z' });
    const b = await context({ a: 'x', b: 'yz' });
    assert.notEqual(await contentHash(a), await contentHash(b));
  });

  test('extra inputs change the hash, in order', async () => {
    const dir = await context(BASE);
    const plain = await contentHash(dir);
    assert.equal(await contentHash(dir, []), plain);
    const withArch = await contentHash(dir, ['arch=amd64']);
    assert.notEqual(withArch, plain);
    assert.equal(await contentHash(dir, ['arch=amd64']), withArch);
    assert.notEqual(await contentHash(dir, ['arch=arm64']), withArch);
    assert.notEqual(await contentHash(dir, ['a', 'b']), await contentHash(dir, ['b', 'a']));
    assert.notEqual(await contentHash(dir, ['ab']), await contentHash(dir, ['a', 'b']));
  });

  test(
    'file boundaries cannot be faked by NUL bytes in content',
    async () => {
      const one = await context({ a: 'x\0b\0y' });
      const two = await context({ a: 'x', b: 'y' });
      assert.notEqual(await contentHash(one), await contentHash(two));
    },
  );
});

describe('listFiles', () => {
  test('lists files recursively as sorted relative paths, without directories', async () => {
    const dir = await context({ 'z.txt': 'z', 'a/b/c.txt': 'c', 'a/a.txt': 'a', 'm.txt': 'm' });
    await mkdir(path.join(dir, 'empty-dir'));
    assert.deepEqual(await listFiles(dir), ['a/a.txt', 'a/b/c.txt', 'm.txt', 'z.txt']);
  });
});
