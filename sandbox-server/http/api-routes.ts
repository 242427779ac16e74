// The HTTP API (docs/api.md). Every route either answers or throws a DomainError (or, for HTTP's own refusals, an HttpError) with a sentence for the caller.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Docker from 'dockerode';
import { CreateSessionRequestSchema, type RuntimeSettings, type SessionInfo, type SessionStatus } from '../../shared/contracts/api-schemas.ts';
import { fallbackImage } from '../../shared/lesson-format/lesson-runtime.ts';
import { engineStatus, type EngineStatus } from '../engine/docker.ts';
import { EventLoopMetrics } from '../metrics/event-loop-metrics.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { Session } from '../sessions/session.ts';
import { DomainError } from '../domain-error.ts';
import { HttpError } from './http-error.ts';
import { bearerToken } from './bearer-token.ts';
import { readJsonBody } from './json-body.ts';
import { sendJson } from './respond.ts';

const HEALTH_CACHE_MS = 1000;
const HEALTH_STALE_MS = 10_000;

export type Handler = (request: IncomingMessage, response: ServerResponse, params: string[]) => Promise<void>;
export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Starts (or queues) a workshop learner's session (sandbox-server/classroom/). */
export type WorkshopSessionStarter = (lesson: string, learnerToken: string, address: string) => Promise<{ session: Session; token: string }>;

/** The session a request names, if it carries that session's bearer token (else an `unauthorized`/`not-found` DomainError). */
export const authorizeRequest = (sessions: SessionManager, request: IncomingMessage, id = '') => sessions.authorize(id, bearerToken(request));

/** `addressOf` names the client of a request (through trusted proxies: client-address.ts); `runtime` is GET /api/runtime's answer. */
export function createApiRoutes(docker: Docker, sessions: SessionManager, startWorkshopSession: WorkshopSessionStarter, addressOf: (request: IncomingMessage) => string, runtime: RuntimeSettings): Route[] {
  const authorized = (request: IncomingMessage, id = '') => authorizeRequest(sessions, request, id);
  // Monitors and load balancers poll health often: they get the engine's last answer (at most a second old)
  // at once, and a 503 once a refresh has waited for the engine longer than HEALTH_STALE_MS.
  let health: { status?: EngineStatus; at: number; refreshing?: Promise<EngineStatus>; since: number } = { at: 0, since: 0 };
  const engineHealth = async (): Promise<EngineStatus> => {
    const now = performance.now();
    if (!health.refreshing && now - health.at > HEALTH_CACHE_MS) {
      const refreshing = engineStatus(docker).then((status) => {
        health = { status, at: performance.now(), since: health.since };
        return status;
      });
      health = { ...health, refreshing, since: now };
    }
    if (!health.status) return health.refreshing ?? engineStatus(docker);
    if (health.refreshing && now - health.since > HEALTH_STALE_MS) return { ok: false, reason: `The Docker engine has not answered for ${Math.round((now - health.since) / 1000)} s.` };
    return health.status;
  };
  const eventLoop = new EventLoopMetrics();
  return [
    {
      method: 'GET',
      pattern: /^\/metrics$/,
      async handler(_request, response) {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
        response.end(sessions.metrics() + eventLoop.render());
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/health$/,
      async handler(_request, response) {
        const status = await engineHealth();
        if (status.ok) sendJson(response, 200, { ok: true, engine: { version: status.version } });
        else sendJson(response, 503, { ok: false, engine: {}, reason: status.reason });
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/runtime$/,
      async handler(_request, response) {
        sendJson(response, 200, runtime);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions$/,
      async handler(request, response) {
        const body = await readJsonBody(request, CreateSessionRequestSchema);
        const address = addressOf(request);
        const { session, token } = body.workshop ? await startWorkshopSession(body.lesson, body.workshop.learner, address) : await sessions.create(body.lesson, address);
        const info: SessionInfo = {
          id: session.id,
          token,
          lesson: session.lesson.slug,
          createdAt: session.createdAt.toISOString(),
          ...imageOf(session),
          ...(session.state === 'queued' ? { queued: { position: session.position ?? 1 } } : { readyMs: session.readyMs }),
        };
        sendJson(response, session.state === 'queued' ? 202 : 201, info);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([\w-]+)$/,
      async handler(request, response, [id]) {
        const session = authorized(request, id);
        const status: SessionStatus = {
          id: session.id,
          lesson: session.lesson.slug,
          completed: session.checker.completedSteps(),
          expiresAt: sessions.expiresAt(session).toISOString(),
          endsAt: session.endsAt.toISOString(),
          state: session.state,
          ...(session.position === undefined ? {} : { position: session.position }),
          nodes: session.nodeNames(),
          ...imageOf(session),
        };
        sendJson(response, 200, status);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([\w-]+)\/extend$/,
      async handler(request, response, [id]) {
        const session = authorized(request, id);
        sendJson(response, 200, { endsAt: sessions.extend(session).toISOString() });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([\w-]+)\/reset$/,
      async handler(request, response, [id]) {
        const session = authorized(request, id);
        await sessions.reset(session);
        sendJson(response, 200, { id: session.id, completed: session.checker.completedSteps() });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/sessions\/([\w-]+)$/,
      async handler(request, response, [id]) {
        const session = authorized(request, id);
        await sessions.end(session.id, 'The session was deleted.');
        response.writeHead(204).end();
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([\w-]+)\/steps\/([\w-]+)\/check$/,
      async handler(request, response, [id, step = '']) {
        const session = authorized(request, id);
        if (!session.checker.hasStep(step)) throw new DomainError('not-found', 'noStep', { lesson: session.lesson.slug, step });
        if (!session.mayCheck()) throw new DomainError('rate-limited', 'tooManyChecks');
        const outcome = await session.checker.checkStep(step);
        sendJson(response, 200, { ok: outcome.ok, output: outcome.output });
      },
    },
  ];
}

/** Finds the route for a request: the handler, a 405 for a known path with another method, or undefined. */
export function matchRoute(routes: Route[], method: string, pathname: string): { handler: Handler; params: string[] } | undefined {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    pathKnown = true;
    if (route.method === method) return { handler: route.handler, params: match.slice(1) };
  }
  if (pathKnown) throw new HttpError(405, `${method} is not allowed on ${pathname}.`);
  return undefined;
}

/** The lesson-chosen image of a session, for its API bodies (absent for the Docker sandbox). */
function imageOf(session: Session): { image?: string } {
  const image = fallbackImage(session.lesson.meta);
  return image ? { image } : {};
}
