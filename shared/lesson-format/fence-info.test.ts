import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFenceInfo } from './fence-info.ts';

test('a bare language has no modifiers', () => {
  assert.deepEqual(parseFenceInfo('sh'), { lang: 'sh', interrupt: false, noEnter: false });
  assert.deepEqual(parseFenceInfo(''), { lang: '', interrupt: false, noEnter: false });
});

test('Run modifiers, with or without braces', () => {
  const expected = { lang: 'sh', interrupt: true, noEnter: true, node: 'node2' };
  assert.deepEqual(parseFenceInfo('sh {interrupt node=node2 no-enter}'), expected);
  assert.deepEqual(parseFenceInfo('sh interrupt node=node2 no-enter'), expected);
  assert.deepEqual(parseFenceInfo('sh {interrupt}'), { lang: 'sh', interrupt: true, noEnter: false });
});

test('file blocks take an absolute path, quoted when it has spaces, and an optional node', () => {
  assert.deepEqual(parseFenceInfo('dockerfile file=/root/app/Dockerfile'), { lang: 'dockerfile', interrupt: false, noEnter: false, file: '/root/app/Dockerfile' });
  assert.deepEqual(parseFenceInfo('yaml {file="/root/my app/compose.yaml" node=node3}'), {
    lang: 'yaml', interrupt: false, noEnter: false, file: '/root/my app/compose.yaml', node: 'node3',
  });
});

test('a solution may name the node it runs on', () => {
  assert.deepEqual(parseFenceInfo('solution {node=node2}'), { lang: 'solution', interrupt: false, noEnter: false, node: 'node2' });
  assert.deepEqual(parseFenceInfo('solution'), { lang: 'solution', interrupt: false, noEnter: false });
});

test('unknown or misused modifiers are errors that say what to write', () => {
  const cases: [string, RegExp][] = [
    ['sh {interupt}', /unknown code block modifier "interupt"/],
    ['sh onclick=alert(1)', /unknown code block modifier "onclick"/],
    ['sh node=node9', /node=node9 is not a node/],
    ['sh node=', /cannot read|is not a node/],
    ['dockerfile file=relative/Dockerfile', /absolute path/],
    ['dockerfile file=/root/../etc/passwd', /must not contain "\.\."/],
    ['python {interrupt}', /only sh\/bash\/shell\/console blocks/],
    ['sh {interrupt file=/root/x.sh}', /file block .* has no Run button/],
    ['check {interrupt}', /take no modifiers|only sh/],
    ['quiz node=node2', /```quiz blocks take no modifiers/],
    ['hint {node=node2}', /```hint blocks take no modifiers/],
    ['check {node=node2}', /```check takes no node=: checks always run on node1/],
    ['solution {interrupt node=node2}', /```solution takes only node=nodeN/],
    ['solution file=/root/x.sh', /```solution takes only node=nodeN/],
    ['solution {node=node7}', /node=node7 is not a node/],
    ['sh {interrupt', /open a \{ but do not close it/],
    ['sh interrupt=yes', /interrupt takes no value/],
  ];
  for (const [info, pattern] of cases) {
    const result = parseFenceInfo(info);
    assert.ok('error' in result, `${info} should be an error`);
    assert.match(result.error, pattern, info);
  }
});
