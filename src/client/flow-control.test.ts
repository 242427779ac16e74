import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFlowControl, HIGH_WATER, LOW_WATER } from './flow-control.ts';

test('pauses above the high watermark and resumes below the low one, once each', () => {
  const sent: boolean[] = [];
  const flow = createFlowControl((paused) => sent.push(paused));
  const chunk = 64 * 1024;
  const parsed = Array.from({ length: Math.ceil(HIGH_WATER / chunk) + 2 }, () => flow.track(chunk));
  assert.deepEqual(sent, [true], 'one pause once more than HIGH_WATER is pending');
  while (parsed.length > 0 && sent.length === 1) parsed.shift()?.();
  assert.deepEqual(sent, [true, false], 'one resume once less than LOW_WATER is pending');
  assert.ok(parsed.length * chunk < LOW_WATER);
});

test('small writes never pause; a reset forgets what an old connection left pending', () => {
  const sent: boolean[] = [];
  const flow = createFlowControl((paused) => sent.push(paused));
  for (let i = 0; i < 100; i += 1) flow.track(100)();
  assert.deepEqual(sent, []);
  const stale = flow.track(HIGH_WATER + 1);
  assert.deepEqual(sent, [true]);
  flow.reset();
  stale();
  assert.deepEqual(sent, [true], 'a callback from before the reset changes nothing');
  flow.track(HIGH_WATER + 1);
  assert.deepEqual(sent, [true, true], 'after a reset the count starts from zero, unpaused');
});
