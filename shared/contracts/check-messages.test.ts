import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localizeCheckOutput, type CheckMessage } from './check-messages.ts';

const messages: CheckMessage[] = [
  ['No container named ticker yet.', '还没有名为 ticker 的容器。'],
  ['greeter:commit runs $cmd; commit again.', 'greeter:commit 运行的是 $cmd；请重新提交。'],
  ['Still there: $(echo $left | tr \'\\n\' \' \')- remove them.', '仍然存在：$(echo $left | tr \'\\n\' \' \')- 请删除。'],
  ['$name has $n replicas (${want} wanted).', '$name 有 $n 个副本（需要 ${want} 个）。'],
];

test('an exact sentence is replaced by its translation, other lines are kept', () => {
  assert.equal(localizeCheckOutput('No container named ticker yet.\nError: boom', messages), '还没有名为 ticker 的容器。\nError: boom');
});

test('shell expansions match any text and carry it into the translation', () => {
  assert.equal(localizeCheckOutput('greeter:commit runs ["sh"]; commit again.', messages), 'greeter:commit 运行的是 ["sh"]；请重新提交。');
  assert.equal(localizeCheckOutput('Still there: a b - remove them.', messages), '仍然存在：a b - 请删除。');
  assert.equal(localizeCheckOutput('web has 2 replicas (3 wanted).', messages), 'web 有 2 个副本（需要 3 个）。');
});

test('a sentence that only starts like a known one is not translated', () => {
  assert.equal(localizeCheckOutput('No container named ticker yet. And more', messages), 'No container named ticker yet. And more');
});

test('text printed by a learner\'s container cannot inject markup or regex: it is only substituted as text', () => {
  assert.equal(localizeCheckOutput('greeter:commit runs $& <b>x</b>; commit again.', messages), 'greeter:commit 运行的是 $& <b>x</b>；请重新提交。');
});
