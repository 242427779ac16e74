// The info string of a code fence: a language, then modifiers, optionally in braces:
//   ```sh {interrupt node=node2 no-enter}      Run presses Ctrl-C first, types into node2, without Enter
//   ```dockerfile file=/root/app/Dockerfile   a file block: shown with its path, Copy and "Apply to file"
//   ```solution {node=node2}                  a step's solution that runs on node2 (checks always run on node1)
// Anything else is an author's typo and is reported (docs/authoring.md, "Code blocks").
import { SandboxPathSchema } from './lesson-schema.ts';

export const RUNNABLE_LANGS = new Set(['sh', 'bash', 'shell', 'console']);
/** Fences that are lesson data, not prose; they take no modifiers, except a solution's node=. */
export const DATA_FENCES = new Set(['check', 'solution', 'hint', 'quiz']);
export const NODE_NAME = /^node[1-5]$/;

export interface FenceInfo {
  lang: string;
  interrupt: boolean;
  noEnter: boolean;
  /** The node whose terminal Run types into, or a file block writes to; undefined means node1. */
  node?: string;
  /** A file block's absolute path in the sandbox. */
  file?: string;
}

/** Parses a fence's info string; returns an error sentence instead when a modifier is unknown or misused. */
export function parseFenceInfo(info: string): FenceInfo | { error: string } {
  const trimmed = info.trim();
  const lang = /^[^\s{]*/.exec(trimmed)?.[0] ?? '';
  let rest = trimmed.slice(lang.length).trim();
  if (rest.startsWith('{')) {
    if (!rest.endsWith('}')) return { error: `the modifiers of \`\`\`${lang} open a { but do not close it: write \`\`\`${lang} {interrupt node=node2}` };
    rest = rest.slice(1, -1);
  }
  const result: FenceInfo = { lang, interrupt: false, noEnter: false };
  for (const [, word = '', quoted, bare] of rest.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|(\S+)))?/g)) {
    const value = quoted ?? bare;
    const problem = applyModifier(result, word, value);
    if (problem) return { error: problem };
  }
  const leftover = rest.replaceAll(/([\w-]+)(?:=(?:"[^"]*"|\S+))?/g, '').trim();
  if (leftover) return { error: `cannot read "${leftover}" in the info of \`\`\`${lang}: modifiers are words such as interrupt, no-enter, node=node2, file=/root/app/Dockerfile` };
  // A solution may say which node it runs on, and nothing else (its Run button is always plain).
  if (lang === 'solution' && (result.interrupt || result.noEnter || result.file)) {
    return { error: '```solution takes only node=nodeN (the node it runs on): remove interrupt, no-enter and file=' };
  }
  if (lang === 'solution') return result;
  if (lang === 'check' && result.node) return { error: '```check takes no node=: checks always run on node1, which reaches the other nodes by name (e.g. curl -s node2:8080)' };
  if (DATA_FENCES.has(lang) && rest) return { error: `\`\`\`${lang} blocks take no modifiers: remove "${rest}"` };
  const runOnly = result.interrupt || result.noEnter;
  if (runOnly && !RUNNABLE_LANGS.has(lang)) return { error: `interrupt and no-enter change the Run button, which only ${[...RUNNABLE_LANGS].join('/')} blocks have` };
  if (runOnly && result.file) return { error: 'a file block (file=…) has no Run button: interrupt and no-enter do not apply' };
  return result;
}

function applyModifier(result: FenceInfo, word: string, value: string | undefined): string | undefined {
  switch (word) {
    case 'interrupt':
    case 'no-enter':
      if (value !== undefined) return `${word} takes no value: write it alone`;
      if (word === 'interrupt') result.interrupt = true;
      else result.noEnter = true;
      return undefined;
    case 'node':
      if (!value || !NODE_NAME.test(value)) return `node=${value ?? ''} is not a node: use node1 … node5`;
      result.node = value;
      return undefined;
    case 'file': {
      const parsed = SandboxPathSchema.safeParse(value ?? '');
      if (!parsed.success) return `file=${value ?? ''} ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
      result.file = parsed.data;
      return undefined;
    }
    default:
      return `unknown code block modifier "${word}": use interrupt, no-enter, node=nodeN or file=/absolute/path`;
  }
}
