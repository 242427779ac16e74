import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesQuery } from './catalog-search.ts';

const card = 'Your first container Run a container, list what ran, read its logs and clean up. #containers #basics';

test('every word must appear, in any order and case; a leading # matches a topic', () => {
  assert.equal(matchesQuery('LOGS container', card), true);
  assert.equal(matchesQuery('#basics', card), true);
  assert.equal(matchesQuery('logs swarm', card), false);
  assert.equal(matchesQuery('   ', card), true, 'an empty search shows everything');
});

test('accents and full-width forms fold, so a learner need not type them exactly', () => {
  assert.equal(matchesQuery('café', 'Cafe menu'), true);
  assert.equal(matchesQuery('ＬＯＧＳ', card), true);
});
