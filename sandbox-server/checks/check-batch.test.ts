import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { CheckInput, CheckOutcome } from '../../shared/checks/step-checker.ts';
import { buildCheckBatch, CheckOutputOverflow, MAX_LINE_CHARS, type CheckBatch } from './check-batch.ts';

/** A whole output through the batch's streaming reader, as one chunk. */
const parseAll = (batch: CheckBatch, output: string): CheckOutcome[] => batch.reader().push(`${output}\n`);

/** Runs the batch's command with the local bash, as the sandbox's exec would, and returns the raw stdout. */
function execute(batch: CheckBatch): string {
  const [file = 'bash', ...args] = batch.cmd;
  const extra = Object.fromEntries(batch.env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  const result = spawnSync(file, args, { env: { ...process.env, ...extra }, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
  assert.equal(result.error, undefined, 'the batch could be run');
  assert.equal(result.status, 0, `the batch itself exits 0 (stderr: ${result.stderr})`);
  return result.stdout;
}

function runChecks(checks: CheckInput[], { timeoutSeconds = 10, stopAtFirstFailure = false } = {}): CheckOutcome[] {
  const batch = buildCheckBatch(checks, timeoutSeconds, stopAtFirstFailure);
  return parseAll(batch, execute(batch));
}

function boundaryOf(batch: CheckBatch): string {
  const entry = batch.env.find((item) => item.startsWith('SLIPWAY_BOUNDARY='));
  assert.ok(entry, 'the batch passes its boundary in the environment');
  return entry.slice('SLIPWAY_BOUNDARY='.length);
}

describe('buildCheckBatch', () => {
  test('reports passing and failing checks with their output', () => {
    const outcomes = runChecks([
      { id: 'passes', script: 'echo "all good"' },
      { id: 'fails', script: 'echo "No container named ticker yet."; exit 1' },
      { id: 'fails-quietly', script: 'exit 3' },
      { id: 'stderr', script: 'echo to-stderr >&2; false' },
    ]);
    assert.deepEqual(outcomes, [
      { id: 'passes', ok: true, output: 'all good' },
      { id: 'fails', ok: false, output: 'No container named ticker yet.' },
      { id: 'fails-quietly', ok: false, output: '' },
      { id: 'stderr', ok: false, output: 'to-stderr' },
    ]);
  });

  test('an empty batch runs and reports nothing', () => {
    assert.deepEqual(runChecks([]), []);
  });

  test('a check runs with pipefail and with stdin closed', () => {
    const outcomes = runChecks([
      { id: 'pipefail', script: 'false | true' },
      { id: 'stdin', script: 'cat; echo read-nothing' },
    ]);
    assert.deepEqual(outcomes, [
      { id: 'pipefail', ok: false, output: '' },
      { id: 'stdin', ok: true, output: 'read-nothing' },
    ]);
  });

  test('scripts with quotes, $vars, backslashes, newlines and heredocs arrive intact', () => {
    const heredoc = [
      'name="it\'s \\"quoted\\""',
      'count=3',
      "cat <<'RAW'",
      'literal $name `not run` $(not run) \\n',
      'RAW',
      'cat <<EOF',
      'expanded: $name x$count',
      '  indented line',
      'EOF',
    ].join('\n');
    const outcomes = runChecks([
      { id: 'single-quotes', script: "echo 'single $HOME \"double\"'" },
      { id: 'vars', script: 'x=5; y="$x$x"; echo "$y ${x}0 $((x * 2))"' },
      { id: 'newlines', script: 'echo one\n\necho two\nif [ 1 -eq 1 ]; then\n  echo three\nfi' },
      { id: 'heredoc', script: heredoc },
      { id: 'specials', script: "printf '%s\\n' 'a;b&&c|d>e<f' \"back\\\\slash\" '#notcomment'" },
    ]);
    assert.deepEqual(outcomes, [
      { id: 'single-quotes', ok: true, output: 'single $HOME "double"' },
      { id: 'vars', ok: true, output: '55 50 10' },
      { id: 'newlines', ok: true, output: 'one\ntwo\nthree' },
      { id: 'heredoc', ok: true, output: 'literal $name `not run` $(not run) \\n\nexpanded: it\'s "quoted" x3\n  indented line' },
      { id: 'specials', ok: true, output: 'a;b&&c|d>e<f\nback\\slash\n#notcomment' },
    ]);
  });

  test('the real lesson check scripts (multi-line, with loops and $(...)) survive the trip', () => {
    const script = [
      'for id in $(printf "%s\\n" one two three); do',
      '  echo "$id" | grep -q "two" && { echo "found $id"; exit 0; }',
      'done',
      'echo "not found"',
      'exit 1',
    ].join('\n');
    assert.deepEqual(runChecks([{ id: 'loop', script }]), [{ id: 'loop', ok: true, output: 'found two' }]);
  });

  test('stopAtFirstFailure stops after the first failure', () => {
    const checks = [
      { id: 'a', script: 'echo a' },
      { id: 'b', script: 'echo b; exit 1' },
      { id: 'c', script: 'echo c' },
      { id: 'd', script: 'echo d; exit 1' },
    ];
    assert.deepEqual(runChecks(checks, { stopAtFirstFailure: true }), [
      { id: 'a', ok: true, output: 'a' },
      { id: 'b', ok: false, output: 'b' },
    ]);
    assert.deepEqual(runChecks(checks, { stopAtFirstFailure: false }), [
      { id: 'a', ok: true, output: 'a' },
      { id: 'b', ok: false, output: 'b' },
      { id: 'c', ok: true, output: 'c' },
      { id: 'd', ok: false, output: 'd' },
    ]);
  });

  test('stopAtFirstFailure really does not run the later checks', () => {
    const outcomes = runChecks(
      [
        { id: 'first', script: 'exit 1' },
        { id: 'second', script: 'echo should-not-run >&2; exit 0' },
      ],
      { stopAtFirstFailure: true },
    );
    assert.deepEqual(outcomes, [{ id: 'first', ok: false, output: '' }]);
  });

  test('a check that takes longer than the timeout is stopped and says so', () => {
    const started = Date.now();
    const outcomes = runChecks(
      [
        { id: 'slow', script: 'echo partial; sleep 5' },
        { id: 'after', script: 'echo after' },
      ],
      { timeoutSeconds: 1 },
    );
    const elapsed = Date.now() - started;
    assert.deepEqual(outcomes, [
      { id: 'slow', ok: false, output: 'The check took longer than 1 s and was stopped.' },
      { id: 'after', ok: true, output: 'after' },
    ]);
    assert.ok(elapsed < 4000, `stopped after about a second, not five (took ${elapsed} ms)`);
  });

  test('output is capped', () => {
    const [outcome] = runChecks([{ id: 'noisy', script: "head -c 100000 /dev/zero | tr '\\0' x; exit 1" }]);
    assert.ok(outcome);
    assert.equal(outcome.ok, false);
    assert.ok(Buffer.byteLength(outcome.output) <= 4000, `got ${Buffer.byteLength(outcome.output)} bytes`);
    assert.ok(outcome.output.length > 1000, 'the start of the output is kept');
    assert.match(outcome.output, /^x+$/);
  });

  test('each batch gets its own random boundary', () => {
    const boundaries = new Set(Array.from({ length: 20 }, () => boundaryOf(buildCheckBatch([{ id: 'a', script: 'true' }], 5, true))));
    assert.equal(boundaries.size, 20);
    for (const boundary of boundaries) assert.match(boundary, /^slipway-[0-9a-f]{16}$/);
  });

  test('a check printing a fake boundary line cannot forge a result', () => {
    const forged = Buffer.from('forged pass').toString('base64');
    const outcomes = runChecks([
      { id: 'guess', script: `echo "slipway-0000000000000000 0 ${forged}"; echo "slipway-0000000000000000 0 ${forged}" >&2; exit 1` },
      // Even knowing the real boundary (it is in the environment), its output is captured, not printed.
      { id: 'knows', script: `printf '\\n%s 0 ${forged}\\n' "$SLIPWAY_BOUNDARY"; exit 1` },
    ]);
    assert.equal(outcomes.length, 2, 'exactly one result per check');
    assert.deepEqual(
      outcomes.map(({ id, ok }) => ({ id, ok })),
      [
        { id: 'guess', ok: false },
        { id: 'knows', ok: false },
      ],
    );
    assert.match(outcomes[0]?.output ?? '', /^slipway-0000000000000000 0 /, 'the fake line is just output');
  });

  test('parse ignores lines that do not carry this batch\'s boundary', () => {
    const batch = buildCheckBatch([{ id: 'a', script: 'true' }], 5, true);
    const other = buildCheckBatch([{ id: 'a', script: 'true' }], 5, true);
    const ok = Buffer.from('hi').toString('base64');
    assert.deepEqual(parseAll(batch, `${boundaryOf(other)} 0 ${ok}\nnoise\n`), []);
    assert.deepEqual(parseAll(batch, `noise\n${boundaryOf(batch)} 0 ${ok}\n`), [{ id: 'a', ok: true, output: 'hi' }]);
    assert.deepEqual(parseAll(batch, `x${boundaryOf(batch)} 0 ${ok}\n`), [], 'the boundary must start the line');
  });

  test(
    'a cap that falls inside a multi-byte character does not leave a broken character',
    () => {
      const [outcome] = runChecks([{ id: 'utf8', script: "printf a; for i in $(seq 2500); do printf 'é'; done" }]);
      assert.ok(outcome);
      assert.ok(Buffer.byteLength(outcome.output) <= 4000, `got ${Buffer.byteLength(outcome.output)} bytes`);
      assert.ok(!outcome.output.includes('\uFFFD'));
    },
  );
});

describe('streaming reader', () => {
  test('reports each outcome once its line is complete, however the output is split', () => {
    const batch = buildCheckBatch([{ id: 'a', script: 'echo one' }, { id: 'b', script: 'echo two; exit 3' }], 10, false);
    const output = execute(batch);
    const whole = parseAll(batch, output);
    assert.deepEqual(whole.map((outcome) => [outcome.id, outcome.ok, outcome.output]), [['a', true, 'one'], ['b', false, 'two']]);
    for (let cut = 0; cut <= output.length; cut += 1) {
      const reader = batch.reader();
      const first = reader.push(output.slice(0, cut));
      const rest = reader.push(output.slice(cut));
      const firstLineEnd = output.indexOf('\n') + 1;
      assert.equal(first.length, cut >= firstLineEnd ? (cut >= output.length ? 2 : 1) : 0, `cut at ${cut}`);
      assert.deepEqual([...first, ...rest, ...reader.push('\n')], whole, `cut at ${cut}`);
    }
  });

  test('a line the batch cannot have printed (cat /dev/zero into its stdout) stops the reader instead of growing it', () => {
    const batch = buildCheckBatch([{ id: 'a', script: 'true' }], 10, false);
    const reader = batch.reader();
    const zeros = '\0'.repeat(64 * 1024);
    assert.throws(() => {
      for (let chunk = 0; chunk < 16; chunk += 1) reader.push(zeros);
    }, CheckOutputOverflow);
    assert.throws(() => batch.reader().push(`${'x'.repeat(MAX_LINE_CHARS + 1)}\n`), CheckOutputOverflow, 'a whole overlong line too');
  });
});
