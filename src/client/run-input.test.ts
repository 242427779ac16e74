import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInput } from './run-input.ts';

test('Run types each line with Enter', () => {
  assert.equal(runInput('docker ps\ndocker images\n', { interrupt: false, noEnter: false }), 'docker ps\rdocker images\r');
});

test('interrupt sends Ctrl-C before the command', () => {
  assert.equal(runInput('docker ps', { interrupt: true, noEnter: false }), '\x03docker ps\r');
});

test('no-enter leaves the last line for the learner to finish', () => {
  assert.equal(runInput('docker run -it busybox sh', { interrupt: false, noEnter: true }), 'docker run -it busybox sh');
  assert.equal(runInput('a\nb', { interrupt: true, noEnter: true }), '\x03a\rb');
});
