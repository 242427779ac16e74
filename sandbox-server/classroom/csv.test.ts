import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, toCsv } from './csv.ts';

test('cells a spreadsheet would run as formulas get a leading apostrophe', () => {
  for (const formula of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\r=1']) {
    assert.equal(csvCell(formula).slice(0, 2), `"'`, `${JSON.stringify(formula)} is neutralised`);
  }
  assert.equal(csvCell('Ada'), '"Ada"');
  assert.equal(csvCell('a=b'), '"a=b"', 'only a leading sign matters');
});

test('quotes, commas and newlines stay inside their cell (RFC 4180)', () => {
  assert.equal(csvCell('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
  assert.equal(csvCell(null), '""');
  assert.equal(csvCell(42), '"42"');
  assert.equal(csvCell(-3), '"-3"', 'numbers are data, never neutralised');
  assert.equal(toCsv(['a', 'b'], [['=x', 1], ['y', null]]), '"a","b"\r\n"\'=x","1"\r\n"y",""\r\n');
});
