// The files API (docs/api.md "Files"): list a directory, read and write a text file on a session's node.
import type { IncomingMessage } from 'node:http';
import { MAX_FILE_BYTES, WriteFileRequestSchema } from '../../shared/contracts/api-schemas.ts';
import { listDirectory, readFile, writeFile } from '../files/sandbox-files.ts';
import { sandboxPath } from '../files/sandbox-path.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import { authorizeRequest, type Route } from './api-routes.ts';
import { readJsonBody } from './json-body.ts';
import { sendJson } from './respond.ts';
import { requestedNode } from './session-node.ts';

// JSON escapes make a body bigger than its content (a quote or newline costs two bytes): the content's own
// 1 MiB limit is checked after parsing.
const MAX_WRITE_BODY_BYTES = 4 * MAX_FILE_BYTES;

export function createFileRoutes(sessions: SessionManager): Route[] {
  /** The node's container and the normalised path a request names. */
  const target = (request: IncomingMessage, id = '') => {
    const session = authorizeRequest(sessions, request, id);
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    return { session, container: requestedNode(session, query.get('node')).container, path: sandboxPath(query.get('path')) };
  };
  return [
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([\w-]+)\/files$/,
      async handler(request, response, [id]) {
        const { container, path } = target(request, id);
        sendJson(response, 200, await listDirectory(container, path));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([\w-]+)\/file$/,
      async handler(request, response, [id]) {
        const { container, path } = target(request, id);
        sendJson(response, 200, await readFile(container, path));
      },
    },
    {
      method: 'PUT',
      pattern: /^\/api\/sessions\/([\w-]+)\/file$/,
      async handler(request, response, [id]) {
        const { session, container, path } = target(request, id);
        const body = await readJsonBody(request, WriteFileRequestSchema, MAX_WRITE_BODY_BYTES);
        sendJson(response, 200, await writeFile(container, path, body.content));
        // A saved file may complete a step, as a command does (the editor's Ctrl-S, Apply to file).
        void session.checker.trigger().catch(() => undefined);
      },
    },
  ];
}
