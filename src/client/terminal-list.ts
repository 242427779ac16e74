// The workspace's terminals, by key: `node2` is a node's first terminal, `node2/3` its third. Each node has
// its first terminal; the learner opens more (tabs), within the server's shell limits (docs/api.md). Pure, so
// the store and its tests use it without a page.
import { SHELL_LIMITS } from '../../shared/contracts/protocol.ts';

const EXTRA_KEY = /^(node[1-5])\/([2-9])$/;

export const nodeOfTerminal = (key: string): string => key.split('/')[0] ?? 'node1';

/** `node1`, `node1 · 2`. */
export const terminalLabel = (key: string): string => key.replace('/', ' · ');

/** The id part of a terminal's tab and panel (`node1-2`). */
export const terminalDomId = (key: string): string => key.replace('/', '-');

/** Whether a key names a terminal the learner opened beside a node's first one. */
export const isExtraTerminal = (key: string): boolean => EXTRA_KEY.test(key);

/** Every open terminal, node by node, each node's first terminal before the ones opened beside it. */
export function terminalList(nodes: readonly string[], extras: readonly string[]): string[] {
  const number = (key: string) => Number(key.split('/')[1] ?? 1);
  return nodes.flatMap((node) => [node, ...extras.filter((key) => nodeOfTerminal(key) === node).sort((a, b) => number(a) - number(b))]);
}

export type NewTerminal = { key: string } | { full: 'node' | 'session'; max: number };

/** The key of one more terminal on `node` (the lowest free number), or which limit it would break. */
export function nextTerminal(nodes: readonly string[], extras: readonly string[], node: string): NewTerminal {
  const open = terminalList(nodes, extras);
  if (open.length >= SHELL_LIMITS.perSession) return { full: 'session', max: SHELL_LIMITS.perSession };
  const onNode = open.filter((key) => nodeOfTerminal(key) === node);
  if (onNode.length >= SHELL_LIMITS.perNode) return { full: 'node', max: SHELL_LIMITS.perNode };
  let number = 2;
  while (onNode.includes(`${node}/${number}`)) number += 1;
  return { key: `${node}/${number}` };
}
