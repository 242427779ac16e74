// A path inside a sandbox, from a query string: absolute, normalised (`.`, `..` and `//` resolved the way
// the kernel would for a path without symlinks), at most PATH_MAX, no NUL byte.
import path from 'node:path';
import { HttpError } from '../http/http-error.ts';

const PATH_MAX = 4096;

export function sandboxPath(raw: string | null): string {
  if (raw === null || raw === '') throw new HttpError(400, 'Give the path as ?path=/absolute/path.');
  if (raw.includes('\0')) throw new HttpError(400, 'A path cannot contain a NUL byte.');
  if (!raw.startsWith('/')) throw new HttpError(400, `The path "${raw.slice(0, 100)}" is relative: give an absolute path, starting with /.`);
  if (raw.length > PATH_MAX) throw new HttpError(400, `A path can be at most ${PATH_MAX} characters long.`);
  const normal = path.posix.normalize(raw);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** The directory holding `file` and its name; the root has none. */
export function splitPath(file: string): { parent: string; name: string } {
  if (file === '/') throw new HttpError(409, '/ is a directory: give the path of a file.');
  return { parent: path.posix.dirname(file), name: path.posix.basename(file) };
}
