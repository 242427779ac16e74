import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipboardAction } from './terminal-keys.ts';

const key = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: Boolean(mods.ctrl),
  metaKey: Boolean(mods.meta),
  shiftKey: Boolean(mods.shift),
  altKey: Boolean(mods.alt),
});

test('Ctrl+V and Ctrl+Shift+V paste; Ctrl+Shift+C copies; Ctrl+C stays an interrupt (Linux, Windows)', () => {
  assert.equal(clipboardAction(key('v', { ctrl: true }), false), 'paste');
  assert.equal(clipboardAction(key('V', { ctrl: true, shift: true }), false), 'paste');
  assert.equal(clipboardAction(key('C', { ctrl: true, shift: true }), false), 'copy');
  assert.equal(clipboardAction(key('c', { ctrl: true }), false), null);
  assert.equal(clipboardAction(key('v'), false), null);
  assert.equal(clipboardAction(key('v', { ctrl: true, alt: true }), false), null);
});

test('on a Mac Cmd+V pastes and Cmd+C copies, while Ctrl+C and Ctrl+V go to the shell', () => {
  assert.equal(clipboardAction(key('v', { meta: true }), true), 'paste');
  assert.equal(clipboardAction(key('c', { meta: true }), true), 'copy');
  assert.equal(clipboardAction(key('c', { ctrl: true }), true), null);
  assert.equal(clipboardAction(key('v', { ctrl: true }), true), null);
});
