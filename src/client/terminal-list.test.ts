import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHELL_LIMITS } from '../../shared/contracts/protocol.ts';
import { isExtraTerminal, nextTerminal, terminalLabel, terminalList } from './terminal-list.ts';

test('terminals are listed node by node, each node\'s first one before those opened beside it, in number order', () => {
  assert.deepEqual(terminalList(['node1', 'node2'], ['node2/2', 'node1/3', 'node1/2']), ['node1', 'node1/2', 'node1/3', 'node2', 'node2/2']);
  assert.deepEqual(terminalList(['node1'], ['node2/2']), ['node1'], 'a terminal of an unknown node waits for its node');
  assert.equal(terminalLabel('node1/2'), 'node1 · 2');
  assert.equal(terminalLabel('node2'), 'node2');
});

test('a new terminal takes its node\'s lowest free number, within the server\'s limits per node and per session', () => {
  assert.deepEqual(nextTerminal(['node1'], [], 'node1'), { key: 'node1/2' });
  assert.deepEqual(nextTerminal(['node1'], ['node1/3'], 'node1'), { key: 'node1/2' });
  const full = Array.from({ length: SHELL_LIMITS.perNode - 1 }, (_, index) => `node1/${index + 2}`);
  assert.deepEqual(nextTerminal(['node1', 'node2'], full, 'node1'), { full: 'node', max: SHELL_LIMITS.perNode });
  assert.deepEqual(nextTerminal(['node1', 'node2'], full, 'node2'), { key: 'node2/2' });
  const nodes = ['node1', 'node2', 'node3', 'node4', 'node5'];
  const many = nodes.flatMap((node) => [`${node}/2`]);
  assert.equal(terminalList(nodes, many).length, SHELL_LIMITS.perSession);
  assert.deepEqual(nextTerminal(nodes, many, 'node3'), { full: 'session', max: SHELL_LIMITS.perSession });
});

test('only keys of terminals opened beside a node\'s first one are extra terminals', () => {
  for (const key of ['node1/2', 'node5/4']) assert.equal(isExtraTerminal(key), true, key);
  for (const key of ['node1', 'node1/1', 'node6/2', 'node1/2/3', '../node1/2', 'editor']) assert.equal(isExtraTerminal(key), false, key);
});
