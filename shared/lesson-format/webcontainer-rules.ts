// What a webcontainer lesson's scripts and files may hold. Its checks and solutions run in two shells: jsh in
// the learner's browser (a small POSIX-like shell without bash's extensions) and bash in the fallback sandbox,
// so they are kept to what both run the same way; its files are sent to the browser inside the page.

/** Bash-only syntax and commands the browser has not, each with what to write instead. */
const NOT_PORTABLE: [RegExp, string][] = [
  [/(^|[\s;&|(])docker(\s|$)/, 'the browser runtime has no Docker engine: use `runtime: docker` for Docker steps'],
  [/\[\[/, '`[[ … ]]` is bash-only: use `test …` or put the logic in `node -e`'],
  [/<<</, 'here-strings (`<<<`) are bash-only: put the logic in `node -e`'],
  [/\$\(\(/, 'arithmetic `$(( … ))` is not portable: put the logic in `node -e`'],
  [/(^|\s)(curl|wget|grep|sed|awk)\s/, 'the browser shell has no curl, wget, grep, sed or awk: use `node -e` (fetch, fs, RegExp)'],
];

/** The first portability problem of one script line, as a sentence; undefined when it runs in both shells. */
export function portabilityProblem(line: string): string | undefined {
  const code = line.replace(/^\s*#.*$/, '');
  return NOT_PORTABLE.find(([pattern]) => pattern.test(code))?.[1];
}

/** Every starting file goes into the page: text, and small enough not to weigh it down. */
export const MAX_PROJECT_BYTES = 256 * 1024;

export function projectFilesProblem(files: readonly { file: string; bytes: Uint8Array }[]): string | undefined {
  const binary = files.find(({ bytes }) => !isUtf8Text(bytes));
  if (binary) return `assets/${binary.file} is not UTF-8 text: a webcontainer lesson's starting files are sent in the page, so keep them text`;
  const total = files.reduce((sum, { bytes }) => sum + bytes.length, 0);
  if (total > MAX_PROJECT_BYTES) return `assets/ holds ${total} bytes: a webcontainer lesson's starting files are sent in the page, keep them under ${MAX_PROJECT_BYTES} bytes`;
  return undefined;
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
