import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeClientMessage,
  decodeServerMessage,
  encodeMessage,
  type ClientMessage,
  type Decoded,
  type ServerMessage,
} from './protocol.ts';

/** The error text of a rejected frame (fails the test if the frame was accepted). */
function rejection<T>(result: Decoded<T>): string {
  if (result.ok) assert.fail(`expected a rejection, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('decodeClientMessage', () => {
  test('accepts a resize, including the edges of the allowed ranges', () => {
    assert.deepEqual(decodeClientMessage('{"type":"resize","cols":80,"rows":24}'), {
      ok: true,
      value: { type: 'resize', cols: 80, rows: 24 },
    });
    for (const [cols, rows] of [[2, 1], [1000, 500]]) {
      assert.deepEqual(decodeClientMessage(JSON.stringify({ type: 'resize', cols, rows })), {
        ok: true,
        value: { type: 'resize', cols, rows },
      });
    }
  });

  test('accepts a check of a valid step id', () => {
    for (const step of ['run-hello', 'a', '0', `a${'-'.repeat(63)}`]) {
      assert.deepEqual(decodeClientMessage(JSON.stringify({ type: 'check', step })), { ok: true, value: { type: 'check', step } });
    }
  });

  test('drops fields the schema does not know', () => {
    assert.deepEqual(decodeClientMessage('{"type":"check","step":"run-hello","shell":"rm -rf /"}'), {
      ok: true,
      value: { type: 'check', step: 'run-hello' },
    });
  });

  test('rejects a frame that is not JSON', () => {
    for (const text of ['', 'resize 80 24', '{"type":"resize",', "{'type':'check'}"]) {
      assert.deepEqual(decodeClientMessage(text), { ok: false, error: 'frame is not JSON' });
    }
  });

  test('rejects JSON that is not a message object', () => {
    for (const text of ['null', '42', '"check"', '[]', '{}']) {
      assert.equal(decodeClientMessage(text).ok, false, text);
    }
  });

  test('rejects an unknown type, naming the field and the accepted types', () => {
    for (const type of ['exec', 'RESIZE', 'progress']) {
      const error = rejection(decodeClientMessage(JSON.stringify({ type, cols: 80, rows: 24, step: 'a' })));
      assert.match(error, /at type/);
      assert.match(error, /resize/);
      assert.match(error, /check/);
    }
  });

  test('rejects out-of-range or non-integer terminal sizes, naming the field', () => {
    const cases: [unknown, unknown, RegExp][] = [
      [1, 24, /at cols/],
      [1001, 24, /at cols/],
      [80.5, 24, /at cols/],
      ['80', 24, /at cols/],
      [80, 0, /at rows/],
      [80, 501, /at rows/],
      [80, -3, /at rows/],
      [80, null, /at rows/],
    ];
    for (const [cols, rows, field] of cases) {
      const error = rejection(decodeClientMessage(JSON.stringify({ type: 'resize', cols, rows })));
      assert.match(error, field, `cols=${String(cols)} rows=${String(rows)}`);
    }
    assert.match(rejection(decodeClientMessage('{"type":"resize","cols":1,"rows":5}')), />=2/);
    assert.match(rejection(decodeClientMessage('{"type":"resize","cols":80,"rows":501}')), /<=500/);
  });

  test('rejects a bad step id with a readable one-line reason', () => {
    for (const step of ['Run-Hello', 'run_hello', '-leading-dash', '', 'a'.repeat(65), 'a b', '../etc']) {
      const error = rejection(decodeClientMessage(JSON.stringify({ type: 'check', step })));
      assert.match(error, /a step id is lowercase letters, digits and dashes/, JSON.stringify(step));
      assert.match(error, /at step/);
      assert.ok(!error.includes('\n'), 'the error fits on one line');
    }
    assert.match(rejection(decodeClientMessage('{"type":"check"}')), /at step/);
    assert.match(rejection(decodeClientMessage('{"type":"check","step":7}')), /at step/);
  });
});

describe('server messages', () => {
  const messages: ServerMessage[] = [
    { type: 'check', step: 'run-hello', ok: true, output: '' },
    { type: 'check', step: 'clean-up', ok: false, output: 'There are still stopped containers: "a1" \'b2\'\nline two\t✓ 🐳' },
    { type: 'progress', completed: [] },
    { type: 'progress', completed: ['run-hello', 'clean-up', 'detached'] },
    { type: 'error', message: 'the engine went away\n{"not":"json"}' },
    { type: 'ports', ports: [] },
    { type: 'ports', ports: [{ node: 'node1', port: 8080, url: '/preview/abc/node1/8080/' }, { node: 'node5', port: 65535, url: '/preview/abc/node5/65535/' }] },
    { type: 'broadcast', message: 'Ten minutes left! <b>not markup</b>', from: 'instructor' },
  ];

  test('encode then decode gives back the same message', () => {
    for (const message of messages) {
      const text = encodeMessage(message);
      assert.equal(typeof text, 'string');
      assert.deepEqual(decodeServerMessage(text), { ok: true, value: message });
    }
  });

  test('client messages round trip too', () => {
    const client: ClientMessage[] = [
      { type: 'resize', cols: 132, rows: 43 },
      { type: 'check', step: 'stop-and-remove' },
    ];
    for (const message of client) assert.deepEqual(decodeClientMessage(encodeMessage(message)), { ok: true, value: message });
  });

  test('a client message is not a server message, and vice versa', () => {
    assert.equal(decodeServerMessage(encodeMessage({ type: 'resize', cols: 80, rows: 24 })).ok, false);
    assert.equal(decodeClientMessage(encodeMessage({ type: 'progress', completed: [] })).ok, false);
    assert.equal(decodeClientMessage(encodeMessage({ type: 'error', message: 'x' })).ok, false);
  });

  test('malformed server messages are rejected', () => {
    assert.deepEqual(decodeServerMessage('<html>'), { ok: false, error: 'frame is not JSON' });
    assert.match(rejection(decodeServerMessage('{"type":"check","step":"run-hello","ok":"yes","output":""}')), /at ok/);
    assert.match(rejection(decodeServerMessage('{"type":"check","step":"run-hello","ok":true}')), /at output/);
    assert.match(rejection(decodeServerMessage('{"type":"progress","completed":["Bad Id"]}')), /a step id is lowercase/);
    assert.equal(decodeServerMessage('{"type":"error"}').ok, false);
    assert.match(rejection(decodeServerMessage('{"type":"ports","ports":[{"node":"node6","port":80,"url":"/"}]}')), /node1 … node5/);
    assert.match(rejection(decodeServerMessage('{"type":"ports","ports":[{"node":"node1","port":0,"url":"/"}]}')), /at ports\[0\]\.port/);
  });
});
