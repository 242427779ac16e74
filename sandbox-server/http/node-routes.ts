// A session's nodes and their published ports (docs/api.md "Nodes" and "Port preview").
import type { SessionManager } from '../sessions/session-manager.ts';
import { bearerToken, type Route } from './api-routes.ts';
import { sendJson } from './respond.ts';

export function createNodeRoutes(sessions: SessionManager): Route[] {
  const authorized = (request: Parameters<typeof bearerToken>[0], id = '') => sessions.authorize(id, bearerToken(request));
  return [
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([\w-]+)\/nodes$/,
      async handler(request, response, [id]) {
        const session = authorized(request, id);
        sendJson(response, 201, { node: await session.nodes.add() });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/sessions\/([\w-]+)\/nodes\/([\w-]+)$/,
      async handler(request, response, [id, node = '']) {
        const session = authorized(request, id);
        await session.nodes.remove(node);
        response.writeHead(204).end();
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([\w-]+)\/ports$/,
      async handler(request, response, [id]) {
        sendJson(response, 200, { ports: authorized(request, id).nodes.ports() });
      },
    },
  ];
}
