// Runs several step checks in one exec (one round trip however many steps are pending). Each check runs as
// `bash -o pipefail -c <script>` in /root with a timeout; its script travels in an environment variable, so
// no quoting of author code is needed. Results come back as one line each: <boundary> <exit> <base64 output>.
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { ExecStopped, runCommand } from '../engine/run-command.ts';
import { log } from '../logger.ts';
import { translate } from '../../shared/i18n/ui-strings.ts';
import type { CheckInput, CheckOutcome } from '../../shared/checks/step-checker.ts';

export interface CheckBatch {
  cmd: string[];
  env: string[];
  /** Parses output as it streams in: each push returns the outcomes its complete lines finished. */
  reader(): { push(chunk: string): CheckOutcome[] };
}

const MAX_OUTPUT_BYTES = 4000;
/** A result line is at most the boundary, an exit code and 4000 bytes in base64: anything longer was not ours. */
export const MAX_LINE_CHARS = 8192;

/** Output the batch cannot have written (a learner writing into the exec's stdout): the run is stopped. */
export class CheckOutputOverflow extends Error {}

export function buildCheckBatch(checks: CheckInput[], timeoutSeconds: number, stopAtFirstFailure: boolean): CheckBatch {
  const boundary = `slipway-${randomBytes(8).toString('hex')}`;
  const lines = checks.map((_, index) => [
    `out=$(timeout -k 2 ${timeoutSeconds} bash -o pipefail -c "$SLIPWAY_CHECK_${index}" 2>&1 </dev/null); code=$?`,
    `printf '%s %s %s\\n' "$SLIPWAY_BOUNDARY" "$code" "$(printf '%s' "$out" | head -c ${MAX_OUTPUT_BYTES} | base64 -w0)"`,
    stopAtFirstFailure ? '[ "$code" -eq 0 ] || exit 0' : '',
  ].join('\n'));
  return {
    cmd: ['bash', '-c', lines.join('\n')],
    env: [`SLIPWAY_BOUNDARY=${boundary}`, ...checks.map((check, index) => `SLIPWAY_CHECK_${index}=${check.script}`)],
    reader() {
      let partial = '';
      let index = 0;
      return {
        push(chunk) {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          if (partial.length > MAX_LINE_CHARS || lines.some((line) => line.length > MAX_LINE_CHARS)) {
            throw new CheckOutputOverflow(`a check result line over ${MAX_LINE_CHARS} characters`);
          }
          const outcomes: CheckOutcome[] = [];
          for (const line of lines) {
            const check = line.startsWith(`${boundary} `) ? checks[index] : undefined;
            if (!check) continue;
            index += 1;
            const [code = '', encoded = ''] = line.slice(boundary.length + 1).split(' ');
            // stream: true drops a character cut in half by the byte cap instead of printing U+FFFD.
            const text = new TextDecoder().decode(Buffer.from(encoded, 'base64'), { stream: true }).trim();
            const timedOut = code === '124';
            outcomes.push({ id: check.id, ok: code === '0', output: timedOut ? translate('en', 'check.timedOut', { seconds: timeoutSeconds }) : text });
          }
          return outcomes;
        },
      };
    },
  };
}

/**
 * Runs checks in a sandbox (one exec) and returns their outcomes in order; `onOutcome` hears each one as
 * soon as its check has finished, so a passing step ticks before the checks after it have run. The exec is
 * killed when its output is not what the batch prints, or when it outlives every check's timeout (the
 * sandbox's own `timeout` may have been replaced).
 */
export async function runChecksIn(
  container: Docker.Container,
  checks: CheckInput[],
  timeoutSeconds: number,
  stopAtFirstFailure: boolean,
  onOutcome: (outcome: CheckOutcome) => void = () => undefined,
): Promise<CheckOutcome[]> {
  const batch = buildCheckBatch(checks, timeoutSeconds, stopAtFirstFailure);
  const reader = batch.reader();
  const outcomes: CheckOutcome[] = [];
  const take = (found: CheckOutcome[]) => {
    outcomes.push(...found);
    found.forEach(onOutcome);
  };
  const abort = new AbortController();
  const run = runCommand(container, batch.cmd, {
    env: batch.env,
    workingDir: '/root',
    maxOutputBytes: 0,
    timeoutMs: (checks.length * (timeoutSeconds + 3) + 5) * 1000,
    signal: abort.signal,
    onOutput: (chunk) => {
      if (abort.signal.aborted) return;
      try {
        take(reader.push(chunk.toString('latin1')));
      } catch (error) {
        abort.abort(error instanceof Error ? error.message : String(error));
      }
    },
  });
  // A stopped batch reports what finished; the checks after it report no result (a failure).
  const stopped = await run.then(
    () => false,
    (error: unknown) => {
      if (!(error instanceof ExecStopped)) throw error;
      log.warn('checks.stopped', { container: container.id.slice(0, 12), reason: error.message });
      return true;
    },
  );
  if (!stopped) take(reader.push('\n'));
  return outcomes;
}
