// A session's nodes and their published ports (docs/api.md "Nodes" and "Port preview").
import type { SessionManager } from '../sessions/session-manager.ts';
import { authorizeRequest, type Route } from './api-routes.ts';
import { sendJson } from './respond.ts';
import { DomainError } from '../domain-error.ts';

export function createNodeRoutes(sessions: SessionManager): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([\w-]+)\/nodes$/,
      async handler(request, response, [id]) {
        const session = authorizeRequest(sessions, request, id);
        if (session.lesson.meta.runtime === 'webcontainer') throw new DomainError('conflict', 'noOtherNodes');
        sessions.assertNodeRoom(session.client);
        sendJson(response, 201, { node: await session.nodes.add() });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/sessions\/([\w-]+)\/nodes\/([\w-]+)$/,
      async handler(request, response, [id, node = '']) {
        const session = authorizeRequest(sessions, request, id);
        await session.nodes.remove(node);
        response.writeHead(204).end();
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([\w-]+)\/ports$/,
      async handler(request, response, [id]) {
        sendJson(response, 200, { ports: authorizeRequest(sessions, request, id).nodes.ports() });
      },
    },
  ];
}
