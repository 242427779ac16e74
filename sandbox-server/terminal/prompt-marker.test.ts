import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PromptMarkerScanner } from './prompt-marker.ts';

const marker = (payload: string) => `\x1b]7777;slipway;${payload}\x07`;

/** Feeds the chunks to a fresh scanner and joins what came out. */
function scan(chunks: (string | Buffer)[]): { output: Buffer; markers: string[] } {
  const scanner = new PromptMarkerScanner();
  const output: Buffer[] = [];
  const markers: string[] = [];
  for (const chunk of chunks) {
    const result = scanner.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    output.push(result.output);
    markers.push(...result.markers);
  }
  return { output: Buffer.concat(output), markers };
}

/** Every way of cutting the bytes into two chunks (including empty first/last chunks). */
function* twoWaySplits(bytes: Buffer): Generator<[Buffer, Buffer]> {
  for (let cut = 0; cut <= bytes.length; cut++) yield [bytes.subarray(0, cut), bytes.subarray(cut)];
}

describe('PromptMarkerScanner', () => {
  test('removes a marker and reports its payload', () => {
    const { output, markers } = scan([`$ ls\r\nfile\r\n${marker('done;0')}root@sandbox:~# `]);
    assert.equal(output.toString(), '$ ls\r\nfile\r\nroot@sandbox:~# ');
    assert.deepEqual(markers, ['done;0']);
  });

  test('reports several markers in one chunk, in order', () => {
    const { output, markers } = scan([`a${marker('done;0')}b${marker('done;127')}c`]);
    assert.equal(output.toString(), 'abc');
    assert.deepEqual(markers, ['done;0', 'done;127']);
  });

  test('a chunk that is only a marker produces no output', () => {
    const scanner = new PromptMarkerScanner();
    const result = scanner.push(Buffer.from(marker('done;1')));
    assert.equal(result.output.length, 0);
    assert.deepEqual(result.markers, ['done;1']);
  });

  test('a marker split across two chunks at any byte offset gives the same output and one marker', () => {
    const input = Buffer.from(`before ${marker('done;0')} after`);
    for (const [first, second] of twoWaySplits(input)) {
      const { output, markers } = scan([first, second]);
      assert.equal(output.toString(), 'before  after', `cut at ${first.length}`);
      assert.deepEqual(markers, ['done;0'], `cut at ${first.length}`);
    }
  });

  test('a marker split into three chunks at any pair of offsets still gives one marker', () => {
    const input = Buffer.from(`x${marker('done;42')}y`);
    for (let i = 0; i <= input.length; i++) {
      for (let j = i; j <= input.length; j++) {
        const { output, markers } = scan([input.subarray(0, i), input.subarray(i, j), input.subarray(j)]);
        assert.equal(output.toString(), 'xy', `cuts at ${i}, ${j}`);
        assert.deepEqual(markers, ['done;42'], `cuts at ${i}, ${j}`);
      }
    }
  });

  test('a marker fed one byte at a time is still found', () => {
    const input = Buffer.from(`ab${marker('done;0')}cd`);
    const { output, markers } = scan([...input].map((byte) => Buffer.from([byte])));
    assert.equal(output.toString(), 'abcd');
    assert.deepEqual(markers, ['done;0']);
  });

  test('ordinary escape sequences pass through untouched, however they are split', () => {
    const samples = [
      '\x1b[31mred\x1b[0m \x1b[1;32mbold green\x1b[m',
      '\x1b]0;root@sandbox: ~\x07prompt',
      '\x1b]7;file://sandbox/root\x1b\\',
      '\x1b]777;notify;hi\x07',
      '\x1b]7777;other;payload\x07',
      '\x1b]7777;slipwax;payload\x07',
      '\x1b[?2004h\x1b[H\x1b[2J\x1bc',
      '\x1b\x1b\x1b]\x1b]7 x',
    ];
    for (const sample of samples) {
      const input = Buffer.from(sample);
      for (const [first, second] of twoWaySplits(input)) {
        const { output, markers } = scan([first, second]);
        assert.deepEqual(output, input, `${JSON.stringify(sample)} cut at ${first.length}`);
        assert.deepEqual(markers, []);
      }
    }
  });

  test('a lone ESC at the end of a chunk followed by other bytes passes through', () => {
    const { output, markers } = scan(['text\x1b', '[0m more']);
    assert.equal(output.toString(), 'text\x1b[0m more');
    assert.deepEqual(markers, []);
  });

  test('a partial marker prefix that turns out to be something else passes through', () => {
    const { output, markers } = scan(['a\x1b]7777;sli', 'ppery slope\x07 b']);
    assert.equal(output.toString(), 'a\x1b]7777;slippery slope\x07 b');
    assert.deepEqual(markers, []);
  });

  test('an over-long unterminated "marker" is passed through rather than held', () => {
    const long = `\x1b]7777;slipway;${'x'.repeat(300)}`;
    const scanner = new PromptMarkerScanner();
    const result = scanner.push(Buffer.from(long));
    assert.equal(result.output.toString(), long, 'released at once, not held for a BEL that may never come');
    assert.deepEqual(result.markers, []);
    // The scanner is not stuck: a later real marker is still found.
    const next = scanner.push(Buffer.from(`ok${marker('done;0')}`));
    assert.equal(next.output.toString(), 'ok');
    assert.deepEqual(next.markers, ['done;0']);
  });

  test('an unterminated "marker" arriving in small chunks is released once it is too long', () => {
    const chunks = [`\x1b]7777;slipway;${'x'.repeat(100)}`, 'y'.repeat(100), 'z'.repeat(100), ' tail'];
    const { output, markers } = scan(chunks);
    assert.equal(output.toString(), chunks.join(''));
    assert.deepEqual(markers, []);
  });

  test('multi-byte UTF-8 around a marker survives every split, even inside a character', () => {
    const text = `héllo 🐳 ${marker('done;0')}日本語 ✓`;
    const input = Buffer.from(text);
    const expected = Buffer.from('héllo 🐳 日本語 ✓');
    for (const [first, second] of twoWaySplits(input)) {
      const { output, markers } = scan([first, second]);
      assert.deepEqual(output, expected, `cut at ${first.length}`);
      assert.deepEqual(markers, ['done;0']);
    }
  });

  test('a UTF-8 payload is decoded', () => {
    assert.deepEqual(scan([marker('done;0;üñí🐳')]).markers, ['done;0;üñí🐳']);
  });

  test(
    'a BEL-terminated payload longer than the limit is not taken for a marker',
    () => {
      const input = `\x1b]7777;slipway;${'x'.repeat(300)}\x07visible`;
      const { output, markers } = scan([input]);
      assert.deepEqual(markers, []);
      assert.equal(output.toString(), input);
    },
  );
});
