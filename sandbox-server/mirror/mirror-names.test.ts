import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorRepository } from './mirror-names.ts';

test('official images are mirrored under library/, others under their own name', () => {
  assert.deepEqual(mirrorRepository('nginx:latest'), { repo: 'library/nginx', tag: 'latest' });
  assert.deepEqual(mirrorRepository('redis'), { repo: 'library/redis', tag: 'latest' });
  assert.deepEqual(mirrorRepository('debian:bookworm-slim'), { repo: 'library/debian', tag: 'bookworm-slim' });
  assert.deepEqual(mirrorRepository('slipway/whoami:latest'), { repo: 'slipway/whoami', tag: 'latest' });
});
