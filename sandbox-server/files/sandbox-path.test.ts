import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpErrorOf } from '../http/http-error.ts';
import { sandboxPath, splitPath } from './sandbox-path.ts';

/** The status and sentence a bad path is refused with. */
function refusal(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    const refusal = httpErrorOf(error);
    assert.ok(refusal, 'refused with an error meant for the caller');
    assert.ok(!refusal.message.includes('\n'), 'in one line');
    return { status: refusal.status, message: refusal.message };
  }
  return assert.fail('the path was accepted');
}

test('normalises dots, repeated and trailing slashes', () => {
  const cases: [string, string][] = [
    ['/', '/'],
    ['/root', '/root'],
    ['/root/', '/root'],
    ['//root///app//Dockerfile', '/root/app/Dockerfile'],
    ['/root/./app/../Dockerfile', '/root/Dockerfile'],
    ['/../../etc/passwd', '/etc/passwd'],
    ['/..', '/'],
    ['/root/a b/ünï código.txt', '/root/a b/ünï código.txt'],
  ];
  for (const [raw, normal] of cases) assert.equal(sandboxPath(raw), normal, raw);
});

test('refuses missing, relative, NUL-bearing and overlong paths with a 400 sentence', () => {
  assert.match(refusal(() => sandboxPath(null)).message, /\?path=/);
  assert.match(refusal(() => sandboxPath('')).message, /\?path=/);
  for (const raw of ['root/Dockerfile', './x', '../etc', '~/x']) {
    const { status, message } = refusal(() => sandboxPath(raw));
    assert.equal(status, 400);
    assert.match(message, /absolute/);
  }
  assert.deepEqual(refusal(() => sandboxPath('/root/a\0b')), { status: 400, message: 'A path cannot contain a NUL byte.' });
  assert.equal(refusal(() => sandboxPath(`/${'a'.repeat(5000)}`)).status, 400);
});

test('splits a file path into its directory and name; the root is a directory', () => {
  assert.deepEqual(splitPath('/root/app/Dockerfile'), { parent: '/root/app', name: 'Dockerfile' });
  assert.deepEqual(splitPath('/notes.txt'), { parent: '/', name: 'notes.txt' });
  assert.equal(refusal(() => splitPath('/')).status, 409);
});
