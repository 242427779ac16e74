// Short join codes from an alphabet without look-alikes, drawn with a uniform CSPRNG (no modulo bias).
import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/contracts/workshop-schemas.ts';

export function newJoinCode(length = JOIN_CODE_LENGTH): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A code not taken yet; `taken` is asked for each candidate (31^6 ≈ 887 million codes, so retries are rare). */
export function uniqueJoinCode(taken: (code: string) => boolean): string {
  for (let tries = 0; tries < 20; tries += 1) {
    const code = newJoinCode();
    if (!taken(code)) return code;
  }
  throw new Error('could not find a free join code');
}
