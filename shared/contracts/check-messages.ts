// A failing check prints English (check scripts are shared by every language); a translation pairs each
// sentence the check can print with its translation (```messages in lesson.<locale>.md). Shell expansions in
// the English ($n, ${n}, $(…)) match any text, and the same expansion in the translation receives that text.

/** [English exactly as the check's echo writes it, its translation]. */
export type CheckMessage = readonly [english: string, translated: string];

/** `$(…)` (one level of nested parentheses), `${name}` (also `${name#prefix }`), `$name`, `$1`. */
export const SHELL_EXPANSION = /\$\((?:[^()]|\([^()]*\))*\)|\$\{[^}\s][^}]*\}|\$\w+/g;

type Translator = (line: string) => string | undefined;

/** The check's output with every line that matches a known sentence in the learner's language. */
export function localizeCheckOutput(output: string, messages: readonly CheckMessage[]): string {
  if (messages.length === 0) return output;
  const translators = messages.map(([english, translated]) => translator(english, translated));
  return output
    .split('\n')
    .map((line) => {
      for (const translate of translators) {
        const result = translate(line.trim());
        if (result !== undefined) return result;
      }
      return line;
    })
    .join('\n');
}

function translator(english: string, translated: string): Translator {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of english.matchAll(SHELL_EXPANSION)) {
    pattern += escapeRegExp(english.slice(last, match.index)) + '([\\s\\S]*?)';
    names.push(match[0]);
    last = match.index + match[0].length;
  }
  const exact = new RegExp(`^${pattern}${escapeRegExp(english.slice(last))}$`);
  // Longest first, so `$name` is not read as `$n` followed by "ame".
  const byLength = [...new Set(names)].sort((a, b) => b.length - a.length);
  const placeholders = byLength.length > 0 ? new RegExp(byLength.map(escapeRegExp).join('|'), 'g') : undefined;
  return (line) => {
    const match = exact.exec(line);
    if (!match) return undefined;
    if (!placeholders) return translated;
    const values = new Map(names.map((name, index) => [name, match[index + 1] ?? '']));
    return translated.replace(placeholders, (name) => values.get(name) ?? name);
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
