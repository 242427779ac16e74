import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorDockerdArgs } from './mirror-address.ts';

test('an HTTP mirror is also trusted as an insecure registry; HTTPS needs no exception; none gives no flags', () => {
  assert.deepEqual(mirrorDockerdArgs('http://172.18.0.1:5000'), ['--registry-mirror http://172.18.0.1:5000', '--insecure-registry http://172.18.0.1:5000']);
  assert.deepEqual(mirrorDockerdArgs('https://mirror.example'), ['--registry-mirror https://mirror.example']);
  assert.deepEqual(mirrorDockerdArgs(undefined), []);
});
