// Secrets handed out once (instructor and learner tokens): only their SHA-256 is stored, so a copy of the
// database grants nothing. The tokens carry 192+ bits, so a fast hash is enough (no password stretching).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const newId = () => randomBytes(9).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function secretMatches(candidate: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(candidate), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
