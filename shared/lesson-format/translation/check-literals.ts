// The sentences a check script can print: the quoted arguments of its `echo` commands, as the learner reads
// them (escapes undone, shell expansions such as $n and $(…) kept as written). A translation must pair each
// with its own language (shared/contracts/check-messages.ts).
import { SHELL_EXPANSION } from '../../contracts/check-messages.ts';

export interface CheckLiteral {
  text: string;
  /** 0-based line in the script. */
  offset: number;
}

const ECHO = /(?:^|[\s;&|{(])echo\s+(?:-[neE]+\s+)?(["'])/g;

export function checkLiterals(script: string): CheckLiteral[] {
  const found: CheckLiteral[] = [];
  let end = 0;
  for (const match of script.matchAll(ECHO)) {
    // An echo inside another message's $(…) prints part of that message, not a sentence of its own.
    if (match.index < end) continue;
    const quote = match[1];
    const start = match.index + match[0].length;
    const text = quote === "'" ? singleQuoted(script, start) : doubleQuoted(script, start);
    end = start + (text?.length ?? 0);
    // Words outside shell expansions make a sentence; `echo "$list"` only passes data along.
    if (text !== undefined && /[A-Za-z]{2}/.test(text.replace(SHELL_EXPANSION, ''))) {
      const before = script.slice(0, match.index + match[0].search(/\S/));
      found.push({ text, offset: before.split('\n').length - 1 });
    }
  }
  return found;
}

function singleQuoted(script: string, start: number): string | undefined {
  const end = script.indexOf("'", start);
  return end < 0 ? undefined : script.slice(start, end);
}

/** Up to the closing quote, stepping over `$(…)` (which may hold quotes of its own) and backslash escapes. */
function doubleQuoted(script: string, start: number): string | undefined {
  let text = '';
  let depth = 0;
  for (let index = start; index < script.length; index += 1) {
    const char = script[index] ?? '';
    if (char === '\\' && depth === 0) {
      const next = script[index + 1] ?? '';
      text += '"\\$`'.includes(next) ? next : char + next;
      index += 1;
    } else if (char === '$' && script[index + 1] === '(') {
      depth += 1;
      text += '$(';
      index += 1;
    } else if (char === '(' && depth > 0) {
      depth += 1;
      text += char;
    } else if (char === ')' && depth > 0) {
      depth -= 1;
      text += char;
    } else if (char === '"' && depth === 0) return text;
    else text += char;
  }
  return undefined;
}
