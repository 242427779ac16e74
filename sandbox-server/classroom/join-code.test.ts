import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newJoinCode, uniqueJoinCode } from './join-code.ts';
import { JOIN_CODE_ALPHABET, JoinCodeSchema } from '../../shared/contracts/workshop-schemas.ts';

test('join codes are 6 characters from the unambiguous alphabet, and the schema accepts them', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i += 1) {
    const code = newJoinCode();
    assert.match(code, /^[A-HJKMNP-Z2-9]{6}$/);
    assert.equal(JoinCodeSchema.parse(code), code);
    seen.add(code);
  }
  assert.ok(seen.size > 1990, 'codes do not repeat in practice');
  for (const lookAlike of ['0', 'O', '1', 'I', 'L']) assert.ok(!JOIN_CODE_ALPHABET.includes(lookAlike), `${lookAlike} is not used`);
});

test('every letter of the alphabet is drawn (no bias toward the start)', () => {
  const counts = new Map<string, number>();
  for (let i = 0; i < 3000; i += 1) for (const char of newJoinCode()) counts.set(char, (counts.get(char) ?? 0) + 1);
  assert.equal(counts.size, JOIN_CODE_ALPHABET.length);
  const expected = (3000 * 6) / JOIN_CODE_ALPHABET.length;
  for (const [char, count] of counts) assert.ok(count > expected * 0.6 && count < expected * 1.4, `${char} drawn ${count} times, expected about ${expected}`);
});

test('a typed code is normalised: lower case, spaces and dashes are forgiven; wrong ones are refused', () => {
  assert.equal(JoinCodeSchema.parse(' abc-234 '), 'ABC234');
  assert.equal(JoinCodeSchema.safeParse('ABC0O1').success, false);
  assert.equal(JoinCodeSchema.safeParse('ABC23').success, false);
});

test('uniqueJoinCode skips taken codes and gives up instead of looping forever', () => {
  const taken = new Set<string>();
  let asked = 0;
  const code = uniqueJoinCode((candidate) => {
    asked += 1;
    if (asked < 3) {
      taken.add(candidate);
      return true;
    }
    return false;
  });
  assert.ok(!taken.has(code));
  assert.equal(asked, 3);
  assert.throws(() => uniqueJoinCode(() => true), /free join code/);
});
