// Wires the pieces: engine, lessons, sessions, HTTP routes, static site and terminal websockets.
import { createServer, type Server } from 'node:http';
import type Docker from 'dockerode';
import type { Config } from './config.ts';
import { loadLessons } from '../src/lesson-format/load-lessons.ts';
import { probeHost, type HostFacts } from './engine/host-facts.ts';
import { applyFirewallSetting, networkFirewall, type FirewallState } from './engine/host-firewall.ts';
import { Classroom } from './classroom/classroom.ts';
import { createWorkshopRoutes } from './classroom/workshop-routes.ts';
import { createWorkshopSockets } from './classroom/workshop-sockets.ts';
import { createApiRoutes, matchRoute } from './http/api-routes.ts';
import { createFileRoutes } from './http/file-routes.ts';
import { createNodeRoutes } from './http/node-routes.ts';
import { createPreviewProxy, PREVIEW_PREFIX, sessionPreviewTarget } from './http/preview-proxy.ts';
import { codedError, HttpError } from './http/http-error.ts';
import { sendError } from './http/respond.ts';
import { serveStatic } from './http/static-files.ts';
import { createTerminalSockets } from './http/terminal-socket.ts';
import { errorMessage, log, setLogLevel } from './logger.ts';
import { SessionManager } from './sessions/session-manager.ts';

export interface App {
  server: Server;
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
  const firewall = await applyFirewallSetting(docker, config, host.registryMirror);
  const sessions = new SessionManager(docker, config, lessons, host, networkFirewall(docker, firewall));
  await sessions.start();
  const classroom = new Classroom(config.SLIPWAY_DATA_DIR, lessons, sessions);
  const routes = [
    ...createApiRoutes(docker, sessions, (lesson, learner) => classroom.startSession(lesson, learner)),
    ...createNodeRoutes(sessions),
    ...createFileRoutes(sessions),
    ...createWorkshopRoutes(classroom),
  ];
  const preview = createPreviewProxy(sessionPreviewTarget(sessions));

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname.startsWith(PREVIEW_PREFIX)) return preview.handle(request, response);
    const handle = async () => {
      const route = matchRoute(routes, request.method ?? 'GET', pathname);
      if (route) await route.handler(request, response, route.params);
      else if (pathname.startsWith('/api/')) throw new HttpError(404, `No API at ${pathname}: see docs/api.md.`);
      else await serveStatic(config.SLIPWAY_SITE_DIR, request, response, pathname);
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
    if (pathname.startsWith(PREVIEW_PREFIX)) preview.handleUpgrade(request, socket, head);
    else if (workshopSockets.handles(pathname)) workshopSockets.handleUpgrade(request, socket, head);
    else terminals.handleUpgrade(request, socket, head);
  });
  server.on('clientError', (_error, socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));

  return {
    server,
    config,
    sessions,
    classroom,
    host,
    firewall,
    async close(options = {}) {
      // Stop accepting first; end (4410) or detach (1012) sessions, with a reason; then drop what is left.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.keepSessions) await sessions.detachAll('The server is restarting: reconnecting.');
      else await sessions.endAll('The server is shutting down.');
      terminals.terminateAll();
      preview.closeAll();
      workshopSockets.terminateAll();
      server.closeAllConnections();
      await closed;
      classroom.close();
    },
  };
}
