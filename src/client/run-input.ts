// What Run types for a code block, given its modifiers (shared/lesson-format/fence-info.ts): Ctrl-C first when
// it interrupts a running command, one carriage return per line, and no final Enter when asked not to.
export interface RunModifiers {
  interrupt: boolean;
  noEnter: boolean;
}

export function runInput(code: string, modifiers: RunModifiers): string {
  const typed = code.replace(/\n+$/, '').replaceAll('\n', '\r');
  return `${modifiers.interrupt ? '\x03' : ''}${typed}${modifiers.noEnter ? '' : '\r'}`;
}
