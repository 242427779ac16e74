// A path inside a sandbox, from a query string: absolute, normalised (`.`, `..` and `//` resolved the way
// the kernel would for a path without symlinks), at most PATH_MAX, no NUL byte.
import path from 'node:path';
import { DomainError } from '../domain-error.ts';

const PATH_MAX = 4096;

export function sandboxPath(raw: string | null): string {
  if (raw === null || raw === '') throw new DomainError('bad-input', 'pathMissing');
  if (raw.includes('\0')) throw new DomainError('bad-input', 'pathNul');
  if (!raw.startsWith('/')) throw new DomainError('bad-input', 'pathRelative', { path: raw.slice(0, 100) });
  if (raw.length > PATH_MAX) throw new DomainError('bad-input', 'pathTooLong', { max: PATH_MAX });
  const normal = path.posix.normalize(raw);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** The directory holding `file` and its name; the root has none. */
export function splitPath(file: string): { parent: string; name: string } {
  if (file === '/') throw new DomainError('conflict', 'rootIsDirectory');
  return { parent: path.posix.dirname(file), name: path.posix.basename(file) };
}
