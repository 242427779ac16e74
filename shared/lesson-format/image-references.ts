// Which images a shell script runs or pulls, and which it builds or tags itself (those need no registry).
// A best-effort reading of `docker run|create|pull` and `docker build -t|tag|commit` lines: enough to catch a
// lesson that needs an image the sandbox cannot pull.
import { KNOWN_IMAGES } from './known-images.ts';

export interface ImageUse {
  image: string;
  /** 0-based line within the script. */
  line: number;
}

/** Options of `docker run/create` that take a value (the next word). */
const VALUE_OPTIONS = new Set([
  '-e', '--env', '-p', '--publish', '-v', '--volume', '-w', '--workdir', '-u', '--user', '-m', '--memory', '-l', '--label',
  '-h', '--hostname', '--name', '--network', '--net', '--restart', '--entrypoint', '--mount', '--cpus', '--env-file',
  '--add-host', '--health-cmd', '--health-interval', '--health-retries', '--health-start-period', '--health-start-interval', '--health-timeout', '--log-driver', '--log-opt',
  '--platform', '--pull', '--cap-add', '--cap-drop', '--network-alias', '--ip', '--dns', '--stop-signal', '--stop-timeout',
  '--tmpfs', '--ulimit', '--volumes-from', '--link', '--device', '--pid', '--ipc', '--shm-size', '--memory-swap', '--cidfile',
  '-a', '--attach', '--expose', '--label-file', '--runtime', '--security-opt', '--sysctl', '--userns', '--uts', '--gpus',
  '--detach-keys', '--group-add', '--cgroupns',
]);

const words = (line: string) => [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
const COMMAND_END = /^(\||\|\||&&|;|&|>|>>|2>|2>&1)$/;

/** The script's commands with backslash-continued lines joined, each with the 0-based line it starts on. */
function logicalLines(script: string): { text: string; line: number }[] {
  const joined: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  script.split('\n').forEach((text, line) => {
    const current = pending ? { text: `${pending.text} ${text}`, line: pending.line } : { text, line };
    pending = current.text.endsWith('\\') ? { text: current.text.slice(0, -1), line: current.line } : undefined;
    if (!pending) joined.push(current);
  });
  if (pending) joined.push(pending);
  return joined;
}

export function imagesUsed(script: string): ImageUse[] {
  const uses: ImageUse[] = [];
  logicalLines(script).forEach(({ text, line }) => {
    const tokens = words(text);
    tokens.forEach((token, i) => {
      if (token !== 'docker') return;
      let j = i + 1;
      if (['container', 'image'].includes(tokens[j] ?? '')) j += 1;
      const verb = tokens[j];
      if (verb !== 'run' && verb !== 'create' && verb !== 'pull') return;
      for (j += 1; j < tokens.length; j += 1) {
        const word = tokens[j] ?? '';
        if (COMMAND_END.test(word)) return;
        if (word.startsWith('-')) {
          if (!word.includes('=') && VALUE_OPTIONS.has(word)) j += 1;
          continue;
        }
        // `… slipway/whoami; done`: a separator glued to the word ends the command there.
        const image = word.replace(/[;&|)]+$/, '');
        if (image && !image.includes('$')) uses.push({ image, line });
        return;
      }
    });
  });
  return uses;
}

/** Images the script builds (`docker build -t`), tags (`docker tag SRC DST`) or commits. */
export function imagesMade(script: string): string[] {
  const made: string[] = [];
  for (const { text } of logicalLines(script)) {
    const tokens = words(text);
    tokens.forEach((token, i) => {
      if (token !== 'docker') return;
      const verb = tokens[i + 1] === 'image' || tokens[i + 1] === 'container' ? tokens[i + 2] : tokens[i + 1];
      const start = verb === tokens[i + 1] ? i + 2 : i + 3;
      const rest = tokens.slice(start);
      if (verb === 'build' || verb === 'buildx') {
        rest.forEach((word, k) => {
          if ((word === '-t' || word === '--tag') && rest[k + 1]) made.push(rest[k + 1] ?? '');
          else if (/^(-t|--tag)=/.test(word)) made.push(word.replace(/^(-t|--tag)=/, ''));
        });
      } else if (verb === 'tag' || verb === 'commit') {
        const target = rest.filter((word) => !word.startsWith('-'))[1];
        if (target) made.push(target);
      }
    });
  }
  return made;
}

/** Whether `image` is in the kit or in `made`: a name without tag stands for :latest; docker.io/library/ is implied. */
export function isKnownImage(image: string, made: readonly string[] = []): boolean {
  const canonical = (name: string) => {
    const bare = name.replace(/^(docker\.io\/)?(library\/)?/, '').replace(/@sha256:.*$/, '');
    return /:[^/]+$/.test(bare) ? bare : `${bare}:latest`;
  };
  const wanted = canonical(image);
  return [...KNOWN_IMAGES, ...made].some((known) => canonical(known) === wanted);
}
