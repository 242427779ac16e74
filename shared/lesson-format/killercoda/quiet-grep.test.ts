import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readWholePipes } from './quiet-grep.ts';

test('piped grep -q becomes a grep that reads the whole pipe; other greps are left alone', () => {
  const script = '#!/bin/bash\ndocker ps | grep -qi web && echo ok\ngrep -q x file\ncurl -s x |grep -q y';
  assert.equal(readWholePipes(script), [
    '#!/bin/bash',
    '# Added by the import: reads the whole pipe (grep -q under pipefail can kill the writer with SIGPIPE).',
    'quiet_grep() { grep "$@" >/dev/null; }',
    'docker ps | quiet_grep -i web && echo ok',
    'grep -q x file',
    'curl -s x |quiet_grep y',
  ].join('\n'));
  assert.equal(readWholePipes('grep -q x file'), 'grep -q x file');
});

test('under pipefail the rewritten pipe passes where grep -q fails at random on a long writer', () => {
  const script = 'seq 1 200000 | grep -q "^1$"';
  const run = (text: string) => spawnSync('bash', ['-o', 'pipefail', '-c', text]).status;
  assert.equal(run(readWholePipes(script)), 0);
  assert.equal(run(readWholePipes('seq 1 10 | grep -q "^99$"')), 1, 'a missing match still fails');
});
