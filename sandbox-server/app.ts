// Wires the pieces: engine, lessons, sessions, HTTP routes, static site and terminal websockets. Two
// listeners: the site (pages, API, terminals) and the previews of learners' apps, on an origin of their own so
// a previewed page cannot reach the site's storage or act on its API.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { Config } from './config.ts';
import { loadLessons } from '../shared/lesson-format/load-lessons.ts';
import { probeHost, type HostFacts } from './engine/host-facts.ts';
import { applyFirewallSetting, networkFirewall, type FirewallState } from './engine/host-firewall.ts';
import { Classroom } from './classroom/classroom.ts';
import { createWorkshopRoutes } from './classroom/workshop-routes.ts';
import { createWorkshopSockets } from './classroom/workshop-sockets.ts';
import { createApiRoutes, matchRoute } from './http/api-routes.ts';
import { createFileRoutes } from './http/file-routes.ts';
import { createNodeRoutes } from './http/node-routes.ts';
import { createPreviewProxy, PREVIEW_PREFIX, sessionPreviewTarget } from './http/preview-proxy.ts';
import { clientAddress, proxyTrust, requestOrigin } from './http/client-address.ts';
import { changesState, originCheck } from './http/origin-check.ts';
import { isLoopback } from './http/loopback.ts';
import { codedError, HttpError } from './http/http-error.ts';
import { sendError } from './http/respond.ts';
import { serveStatic } from './http/static-files.ts';
import { isolationRule } from '../shared/lesson-format/cross-origin-isolation.ts';
import { runtimeSettings } from './http/runtime-settings.ts';
import { createTerminalSockets } from './http/terminal-socket.ts';
import { errorMessage, log, setLogLevel } from './logger.ts';
import { SessionManager } from './sessions/session-manager.ts';

export interface App {
  server: Server;
  /** The preview listener (SLIPWAY_PREVIEW_PORT): learners' apps, on an origin of their own. */
  previewServer: Server;
  config: Config;
  sessions: SessionManager;
  classroom: Classroom;
  host: HostFacts;
  /** Whether host firewall rules keep sandboxes from the host and cloud metadata. */
  firewall: FirewallState;
  /**
   * Stops the server. By default every session ends; with `keepSessions` their sandboxes keep running for
   * the next start of this instance (same SLIPWAY_INSTANCE and SLIPWAY_DATA_DIR) to re-adopt.
   */
  close(options?: { keepSessions?: boolean }): Promise<void>;
}

export async function createApp(docker: Docker, config: Config): Promise<App> {
  setLogLevel(config.SLIPWAY_LOG);
  const lessons = await loadLessons(config.SLIPWAY_LESSONS_DIR);
  const host = await probeHost(docker, config);
  const firewall = await applyFirewallSetting(docker, config, host.registryMirror, host.routing);
  const sessions = new SessionManager(docker, config, lessons, host, networkFirewall(docker, firewall, host.routing));
  await sessions.start();
  const classroom = new Classroom(config.SLIPWAY_DATA_DIR, lessons, sessions);
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
      if (error instanceof HttpError) return sendError(response, error.status, error.message, error);
      if (error instanceof URIError) return sendError(response, 400, 'Malformed URL.');
      log.error('http.unhandled', { method: request.method, pathname, error: errorMessage(error) });
      const failure = codedError(500, 'serverFailed');
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
    config,
    sessions,
    classroom,
    host,
    firewall,
    async close(options = {}) {
      // Stop accepting first; end (4410) or detach (1012) sessions, with a reason; then drop what is left.
      const closed = Promise.all([server, previewServer].map((listener) => new Promise<void>((resolve) => (listener.listening ? listener.close(() => resolve()) : resolve()))));
      if (options.keepSessions) await sessions.detachAll('The server is restarting: reconnecting.');
      else await sessions.endAll('The server is shutting down.');
      terminals.terminateAll();
      preview.closeAll();
      workshopSockets.terminateAll();
      server.closeAllConnections();
      previewServer.closeAllConnections();
      await closed;
      classroom.close();
    },
  };
}

function refuseUpgrade(socket: Duplex, status: 403 | 404, message: string): void {
  const body = JSON.stringify({ error: message });
  socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Not Found'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
