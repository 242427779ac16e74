// The sentences a check script can print, as the learner reads them: the quoted arguments of its `echo`
// commands (escapes undone, shell expansions such as $n and $(…) kept as written), and the arguments of
// `console.log`/`console.error` in its `node -e` scripts ('text' + name + 'text' reads as `text${name}text`).
// A translation must pair each with its own language (shared/contracts/check-messages.ts).
import { SHELL_EXPANSION } from '../../contracts/check-messages.ts';

export interface CheckLiteral {
  text: string;
  /** 0-based line in the script. */
  offset: number;
}

const ECHO = /(?:^|[\s;&|{(])echo\s+(?:-[neE]+\s+)?(["'])/g;
const NODE_EVAL = /(?:^|[\s;&|{(])node\s+(?:--eval|-e|-p)\s+(["'])/g;
const CONSOLE = /\bconsole\.(?:log|error|warn)\(/g;

/** Words outside expansions make a sentence; `echo "$list"` or `console.log(list)` only passes data along. */
const isSentence = (text: string) => /[A-Za-z]{2}/.test(text.replace(SHELL_EXPANSION, ''));

export function checkLiterals(script: string): CheckLiteral[] {
  return [...echoLiterals(script), ...consoleMessages(script).flatMap((message) => (message.text === undefined ? [] : [{ text: message.text, offset: message.offset }]))].sort((a, b) => a.offset - b.offset);
}

/** The 0-based lines of `console.log` calls whose sentence cannot be read (so cannot be translated). */
export function unreadableMessages(script: string): number[] {
  return consoleMessages(script).flatMap((message) => (message.text === undefined ? [message.offset] : []));
}

function echoLiterals(script: string): CheckLiteral[] {
  const found: CheckLiteral[] = [];
  let end = 0;
  for (const match of script.matchAll(ECHO)) {
    // An echo inside another message's $(…) prints part of that message, not a sentence of its own.
    if (match.index < end) continue;
    const start = match.index + match[0].length;
    const text = quoted(script, start, match[1] ?? '"');
    end = start + (text?.length ?? 0);
    if (text !== undefined && isSentence(text)) found.push({ text, offset: lineAt(script, match.index + match[0].search(/\S/)) });
  }
  return found;
}

/** Each console call of each `node -e '…'`: its sentence, undefined when it holds words but not in a form read here. */
function consoleMessages(script: string): { text: string | undefined; offset: number }[] {
  const found: { text: string | undefined; offset: number }[] = [];
  for (const match of script.matchAll(NODE_EVAL)) {
    const start = match.index + match[0].length;
    const code = quoted(script, start, match[1] ?? '"');
    if (code === undefined) continue;
    const first = lineAt(script, match.index + match[0].search(/\S/));
    for (const call of code.matchAll(CONSOLE)) {
      const argument = readArguments(code, call.index + call[0].length);
      const offset = first + lineAt(code, call.index);
      if (argument === undefined) found.push({ text: undefined, offset });
      else if (isSentence(argument)) found.push({ text: argument, offset });
    }
  }
  return found;
}

const STRING = /^(['"])((?:\\.|(?!\1)[^\\\n])*)\1/;
const TEMPLATE = /^`((?:\\.|[^\\`])*)`/;
const NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/;

/**
 * Arguments made of string literals, template literals and plain names joined by `+` (several arguments are
 * printed with a space between them), as the printed text with each name as `${name}`. Undefined for anything
 * else (calls, operators…) when it holds words: such a sentence cannot be matched against its translation.
 */
function readArguments(code: string, start: number): string | undefined {
  let text = '';
  let rest = code.slice(start);
  // Not a form read here: a sentence lost, unless it only passes data along (`console.log(JSON.stringify(x))`).
  const unread = (words: string) => (/[A-Za-z]{2}/.test(text.replace(SHELL_EXPANSION, '')) || /['"`][^'"`]*[A-Za-z]{2}/.test(words) ? undefined : '');
  for (;;) {
    rest = rest.trimStart();
    const token = STRING.exec(rest) ?? TEMPLATE.exec(rest) ?? NAME.exec(rest);
    if (!token) return unread(rest.split(/[;\n]/)[0] ?? '');
    const whole = token[0];
    if (whole.startsWith('`')) text += token[1] ?? '';
    else if (/^['"]/.test(whole)) text += (token[2] ?? '').replace(/\\(.)/g, '$1');
    else text += `\${${whole}}`;
    rest = rest.slice(whole.length).trimStart();
    if (rest.startsWith(')')) return text;
    if (rest.startsWith(',')) text += ' ';
    else if (!rest.startsWith('+')) return unread(rest.split(/[;\n]/)[0] ?? '');
    rest = rest.slice(1);
  }
}

function quoted(script: string, start: number, quote: string): string | undefined {
  return quote === "'" ? singleQuoted(script, start) : doubleQuoted(script, start);
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length - 1;
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
