// The sandbox files API (docs/api.md): list a directory, read a file, write a file, on one node.
import { DirectoryListingSchema, FileContentSchema, WriteFileResponseSchema } from '../../../shared/contracts/api-schemas.ts';
import { sessionRequest, type SessionRef } from '../session-api.ts';

const query = (node: string, path: string) => `?node=${encodeURIComponent(node)}&path=${encodeURIComponent(path)}`;

export async function listDirectory(session: SessionRef, node: string, path: string) {
  const listing = await sessionRequest(session, 'GET', `/files${query(node, path)}`, DirectoryListingSchema);
  return listing ?? { path, entries: [] };
}

export async function readFile(session: SessionRef, node: string, path: string) {
  return (await sessionRequest(session, 'GET', `/file${query(node, path)}`, FileContentSchema)) ?? { path, content: '', size: 0 };
}

export async function writeFile(session: SessionRef, node: string, path: string, content: string) {
  return sessionRequest(session, 'PUT', `/file${query(node, path)}`, WriteFileResponseSchema, { content });
}

/** POSIX path helpers for sandbox paths (the browser has no path module). */
export function joinPath(directory: string, name: string): string {
  return `${directory.replace(/\/+$/, '')}/${name}`;
}

export function parentPath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}
