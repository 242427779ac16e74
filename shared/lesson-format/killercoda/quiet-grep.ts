// Slipway runs checks under pipefail, where `cmd | grep -q x` fails at random (grep stops reading at the first
// match and cmd may die of SIGPIPE); Killercoda runs verify scripts without it. On import such pipes go
// through a grep that reads to the end: the same answer, every time.
const PIPED_QUIET_GREP = /\|(\s*)grep\s+-([a-zA-Z]*)q([a-zA-Z]*)(?![\w-])/g;
const HELPER = [
  '# Added by the import: reads the whole pipe (grep -q under pipefail can kill the writer with SIGPIPE).',
  'quiet_grep() { grep "$@" >/dev/null; }',
];

export function readWholePipes(script: string): string {
  let rewritten = false;
  const out = script.replace(PIPED_QUIET_GREP, (_all, space: string, before: string, after: string) => {
    rewritten = true;
    return `|${space}quiet_grep${before + after ? ` -${before}${after}` : ''}`;
  });
  if (!rewritten) return script;
  const lines = out.split('\n');
  const at = lines[0]?.startsWith('#!') ? 1 : 0;
  lines.splice(at, 0, ...HELPER);
  return lines.join('\n');
}
