import { test } from 'node:test';
import assert from 'node:assert/strict';
import { utf8Text } from './sandbox-files.ts';

test('UTF-8 text without NUL bytes is text; anything else is binary', () => {
  assert.equal(utf8Text(Buffer.from('FROM busybox\nCMD ["echo", "héllo 🐳"]\n')), 'FROM busybox\nCMD ["echo", "héllo 🐳"]\n');
  assert.equal(utf8Text(Buffer.from('\ufeffwith a BOM')), '\ufeffwith a BOM', 'a BOM is kept, so writing the text back keeps it');
  assert.equal(utf8Text(Buffer.alloc(0)), '');
  assert.equal(utf8Text(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00])), undefined, 'an ELF header');
  assert.equal(utf8Text(Buffer.from([0x63, 0x61, 0x66, 0xe9])), undefined, 'Latin-1 "café" is not UTF-8');
  assert.equal(utf8Text(Buffer.from('text\0more')), undefined);
});
