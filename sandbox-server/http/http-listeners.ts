// The two HTTP listeners and their websocket upgrades, over the domain the app composed: the site (pages, API,
// terminals, workshop sockets) and the previews of learners' apps, on an origin of their own so a previewed page
// cannot reach the site's storage or act on its API. Only this room speaks HTTP: domain errors become statuses here.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { Config } from '../config.ts';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { Classroom } from '../classroom/classroom.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import { createWorkshopRoutes } from './workshop-routes.ts';
import { createWorkshopSockets } from './workshop-sockets.ts';
import { createApiRoutes, matchRoute } from './api-routes.ts';
import { createFileRoutes } from './file-routes.ts';
import { createNodeRoutes } from './node-routes.ts';
import { createPreviewProxy, PREVIEW_PREFIX, sessionPreviewTarget } from './preview-proxy.ts';
import { clientAddress, proxyTrust, requestOrigin } from './client-address.ts';
import { changesState, originCheck } from './origin-check.ts';
import { isLoopback } from './loopback.ts';
import { DomainError } from '../domain-error.ts';
import { HttpError, httpErrorOf } from './http-error.ts';
import { sendError } from './respond.ts';
import { serveStatic } from './static-files.ts';
import { isolationRule } from '../../shared/lesson-format/cross-origin-isolation.ts';
import { runtimeSettings } from './runtime-settings.ts';
import { createTerminalSockets } from './terminal-socket.ts';
import { errorMessage, log } from '../logger.ts';

export interface HttpListeners {
  server: Server;
  /** The preview listener (SLIPWAY_PREVIEW_PORT): learners' apps, on an origin of their own. */
  previewServer: Server;
  /** Stops accepting connections; resolves when both listeners are closed. */
  stopListening(): Promise<void>;
  /** Drops every socket and connection left (after the sessions were ended or detached with a reason). */
  dropConnections(): void;
}

interface Domain {
  docker: Docker;
  config: Config;
  lessons: Lesson[];
  sessions: SessionManager;
  classroom: Classroom;
}

export function createHttpListeners({ docker, config, lessons, sessions, classroom }: Domain): HttpListeners {
  const trust = proxyTrust(config.SLIPWAY_TRUSTED_PROXIES);
  const addressOf = (request: IncomingMessage) => clientAddress(request, trust);
  const operator = { token: config.SLIPWAY_OPERATOR_TOKEN, required: !isLoopback(config.HOST) || trust.any };
  const routes = [
    ...createApiRoutes(docker, sessions, (lesson, learner, address) => classroom.startSession(lesson, learner, address), addressOf, runtimeSettings(config)),
    ...createNodeRoutes(sessions),
    ...createFileRoutes(sessions),
    ...createWorkshopRoutes(classroom, operator, addressOf),
  ];
  const isolate = isolationRule(lessons, config.SLIPWAY_LESSON_RUNTIME);
  const preview = createPreviewProxy(sessionPreviewTarget(sessions), (request) => ({ client: addressOf(request), protocol: requestOrigin(request, trust).protocol }));
  const siteOrigin = originCheck(config.SLIPWAY_PUBLIC_URL, config.SLIPWAY_ALLOWED_ORIGINS, trust);
  const previewOrigin = originCheck(config.SLIPWAY_PREVIEW_URL, [], trust);

  const previewServer = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname.startsWith(PREVIEW_PREFIX)) return preview.handle(request, response);
    sendError(response, 404, 'Only previews are served at this address: open the site itself for the rest.');
  });
  /** Where previews live, as the browser reaches them: SLIPWAY_PREVIEW_URL, else the site's host name at the preview port. */
  const previewBase = (request: IncomingMessage) => {
    if (config.SLIPWAY_PREVIEW_URL) return config.SLIPWAY_PREVIEW_URL.replace(/\/+$/, '');
    const { protocol, host } = requestOrigin(request, trust);
    const hostname = /^(\[[^\]]*\]|[^:]*)/.exec(host)?.[1] ?? 'localhost';
    const port = (previewServer.address() as AddressInfo | null)?.port ?? config.SLIPWAY_PREVIEW_PORT ?? config.PORT + 1;
    return `${protocol}://${hostname}:${port}`;
  };

  const server = createServer((request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname.startsWith(PREVIEW_PREFIX)) {
      // A ports link (relative, on the site) goes on to the preview origin, token and all.
      response.writeHead(307, { location: `${previewBase(request)}${request.url ?? '/'}`, 'cache-control': 'no-store' }).end();
      return;
    }
    const handle = async () => {
      const refusal = pathname.startsWith('/api/') && changesState(request.method) ? siteOrigin(request) : undefined;
      if (refusal) throw new HttpError(403, refusal);
      const route = matchRoute(routes, request.method ?? 'GET', pathname);
      if (route) await route.handler(request, response, route.params);
      else if (pathname.startsWith('/api/')) throw new HttpError(404, `No API at ${pathname}: see docs/api.md.`);
      else await serveStatic(config.SLIPWAY_SITE_DIR, request, response, pathname, isolate, searchParams);
    };
    handle().catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const refusal = httpErrorOf(error);
      if (refusal) return sendError(response, refusal.status, refusal.message, refusal);
      if (error instanceof URIError) return sendError(response, 400, 'Malformed URL.');
      log.error('http.unhandled', { method: request.method, pathname, error: errorMessage(error) });
      const failure = new DomainError('unavailable', 'serverFailed');
      sendError(response, 500, failure.message, failure);
    });
  });
  const terminals = createTerminalSockets(sessions, config.SLIPWAY_RECONNECT_GRACE_S * 1000);
  const workshopSockets = createWorkshopSockets(classroom);
  server.on('upgrade', (request, socket, head) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const refusal = siteOrigin(request);
    if (refusal) refuseUpgrade(socket, 403, refusal);
    else if (pathname.startsWith(PREVIEW_PREFIX)) refuseUpgrade(socket, 404, 'Previews are served on their own address: open the preview from its link.');
    else if (workshopSockets.handles(pathname)) workshopSockets.handleUpgrade(request, socket, head);
    else terminals.handleUpgrade(request, socket, head);
  });
  previewServer.on('upgrade', (request, socket, head) => {
    const refusal = previewOrigin(request);
    if (refusal) refuseUpgrade(socket, 403, refusal);
    else preview.handleUpgrade(request, socket, head);
  });
  for (const listener of [server, previewServer]) listener.on('clientError', (_error, socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));

  return {
    server,
    previewServer,
    stopListening: () =>
      Promise.all([server, previewServer].map((listener) => new Promise<void>((resolve) => (listener.listening ? listener.close(() => resolve()) : resolve())))).then(() => undefined),
    dropConnections() {
      terminals.terminateAll();
      preview.closeAll();
      workshopSockets.terminateAll();
      server.closeAllConnections();
      previewServer.closeAllConnections();
    },
  };
}

function refuseUpgrade(socket: Duplex, status: 403 | 404, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
