// Port preview: /preview/<session>/<node>/<port>/… reaches a port published inside a session's node (HTTP
// and websockets), only with the session's token. The first request carries ?token=; it is answered with a
// redirect to the same URL without the token and an HttpOnly, SameSite=Strict cookie scoped to
// /preview/<session>/, so the page's relative links, scripts and websockets keep working and the token
// leaves the address bar. The token (query or cookie) never reaches the upstream app. Previews are served
// on an origin of their own (app.ts), and nothing a previewed app answers may claim that origin for long:
// it cannot register a Service Worker or set cookies.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { NodeNameSchema } from '../../shared/contracts/protocol.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import { errorMessage } from '../logger.ts';
import { HttpError } from './http-error.ts';

export const PREVIEW_PREFIX = '/preview/';
const PREVIEW_PATH = /^\/preview\/([\w-]+)\/([\w-]+)\/(\d{1,5})(\/.*)?$/;
const COOKIE = 'slipway_preview';
// Hop-by-hop headers (RFC 9110 7.6.1) are the proxy's own business; Upgrade/Connection are re-added for websockets.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const CONNECT_TIMEOUT_MS = 10_000;
// A Service Worker would outlive the preview and control every page under its scope; cookies would reach
// other previews on the same host. Neither is the learner's app's to set.
const STRIPPED_RESPONSE_HEADERS = new Set(['service-worker-allowed', 'set-cookie', 'set-cookie2']);

/** How a request reached the server: the client's address and the scheme the browser used (proxy-aware). */
export type RequestView = (request: IncomingMessage) => { client: string; protocol: 'http' | 'https' };
const directView: RequestView = (request) => ({ client: request.socket.remoteAddress ?? '', protocol: 'encrypted' in request.socket ? 'https' : 'http' });

/** Where an authorised preview request goes. Throws an HttpError (401, 404) for a refused one. */
export type PreviewTarget = (sessionId: string, token: string | undefined, node: string, port: number) => Promise<{ host: string; port: number }>;

export interface PreviewProxy {
  handle(request: IncomingMessage, response: ServerResponse): void;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops the proxied websockets (at shutdown). */
  closeAll(): void;
}

/** The real targets: the session's node, at its address on its network (the host routes to bridge networks). */
export function sessionPreviewTarget(sessions: SessionManager): PreviewTarget {
  return async (sessionId, token, node, port) => {
    const session = sessions.authorize(sessionId, token);
    const host = NodeNameSchema.safeParse(node).success ? await session.nodes.address(node) : undefined;
    if (!host) throw new HttpError(404, `This session has no node "${node.slice(0, 20)}": its nodes are ${session.nodes.names().join(', ')}.`);
    return { host, port };
  };
}

interface PreviewRequest {
  sessionId: string;
  node: string;
  port: number;
  /** /preview/<session>/<node>/<port> */
  prefix: string;
  /** The upstream path and query, without the token. */
  upstreamPath: string;
  queryToken?: string;
  cookieToken?: string;
  /** The request's Cookie header without the preview cookie, if anything is left. */
  upstreamCookie?: string;
  /** The path ended at the port: redirect to the trailing slash so relative links resolve. */
  bare: boolean;
}

export function parsePreviewRequest(url: string, cookieHeader: string | undefined): PreviewRequest | undefined {
  const parsed = new URL(url, 'http://localhost');
  const match = PREVIEW_PATH.exec(parsed.pathname);
  if (!match) return undefined;
  const [, sessionId = '', node = '', port = '', rest] = match;
  const queryToken = parsed.searchParams.get('token') ?? undefined;
  parsed.searchParams.delete('token');
  const cookies = (cookieHeader ?? '').split(';').map((part) => part.trim()).filter(Boolean);
  const own = cookies.find((cookie) => cookie.startsWith(`${COOKIE}=`));
  const others = cookies.filter((cookie) => cookie !== own);
  return {
    sessionId,
    node,
    port: Number(port),
    prefix: `/preview/${sessionId}/${node}/${port}`,
    upstreamPath: `${rest ?? '/'}${parsed.search}`,
    queryToken,
    cookieToken: own ? safeDecode(own.slice(COOKIE.length + 1)) : undefined,
    upstreamCookie: others.length > 0 ? others.join('; ') : undefined,
    bare: rest === undefined,
  };
}

/** A malformed cookie value is no token (and must not throw inside a request handler). */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Request headers for the upstream app: no hop-by-hop headers, no preview cookie, forwarding headers added. */
function upstreamHeaders(request: IncomingMessage, preview: PreviewRequest, view: RequestView): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) if (!HOP_BY_HOP.has(name) && name !== 'cookie') headers[name] = value;
  if (preview.upstreamCookie) headers.cookie = preview.upstreamCookie;
  const { client, protocol } = view(request);
  headers['x-forwarded-for'] = client;
  headers['x-forwarded-host'] = request.headers.host ?? '';
  headers['x-forwarded-proto'] = protocol;
  headers['x-forwarded-prefix'] = preview.prefix;
  return headers;
}

/** Response headers for the browser: an absolute-path redirect of the app stays inside its preview prefix. */
function downstreamHeaders(upstream: IncomingMessage, prefix: string): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream.headers)) if (!HOP_BY_HOP.has(name) && !STRIPPED_RESPONSE_HEADERS.has(name)) headers[name] = value;
  const location = upstream.headers.location;
  if (location?.startsWith('/') && !location.startsWith('//')) headers.location = prefix + location;
  return headers;
}

function refusalText(status: number, message: string, wantsHtml: boolean): { type: string; body: string } {
  if (!wantsHtml) return { type: 'application/json; charset=utf-8', body: JSON.stringify({ error: message }) };
  const escaped = message.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return { type: 'text/html; charset=utf-8', body: `<!doctype html><title>Preview ${status}</title><p>${escaped}</p>\n` };
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

const upstreamFailure = (preview: PreviewRequest, error: unknown) =>
  `Nothing answered on ${preview.node} port ${preview.port} (${errorMessage(error)}): is the container running and publishing that port?`;

export function createPreviewProxy(target: PreviewTarget, view: RequestView = directView): PreviewProxy {
  const tunnels = new Set<Duplex>();

  async function resolve(preview: PreviewRequest): Promise<{ host: string; port: number }> {
    if (preview.port < 1 || preview.port > 65535) throw new HttpError(404, `${preview.port} is not a TCP port.`);
    const token = preview.queryToken ?? preview.cookieToken;
    if (!token) throw new HttpError(401, 'This preview needs its session token: open it from the lesson page (the link carries ?token=).');
    return target(preview.sessionId, token, preview.node, preview.port);
  }

  function refuse(request: IncomingMessage, response: ServerResponse, status: number, message: string): void {
    const { type, body } = refusalText(status, message, (request.headers.accept ?? '').includes('text/html'));
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const preview = parsePreviewRequest(request.url ?? '/', request.headers.cookie);
    if (!preview) return refuse(request, response, 404, 'A preview address is /preview/<session>/<node>/<port>/.');
    if (request.headers['service-worker'] !== undefined) return refuse(request, response, 403, 'Previews cannot register Service Workers.');
    resolve(preview).then(
      (upstream) => {
        if (preview.queryToken || preview.bare) {
          // Trade the token in the address for a cookie (and add the slash after the port).
          const secure = view(request).protocol === 'https' ? '; Secure' : '';
          const cookie = `${COOKIE}=${encodeURIComponent(preview.queryToken ?? preview.cookieToken ?? '')}; Path=/preview/${preview.sessionId}/; HttpOnly; SameSite=Strict${secure}`;
          response.writeHead(303, { location: `${preview.prefix}${preview.upstreamPath}`, 'set-cookie': cookie, 'cache-control': 'no-store' }).end();
          return;
        }
        forward(request, response, preview, upstream);
      },
      (error: unknown) => {
        if (error instanceof HttpError) refuse(request, response, error.status, error.message);
        else refuse(request, response, 500, 'The preview failed on the server; it has been logged.');
      },
    );
  }

  function forward(request: IncomingMessage, response: ServerResponse, preview: PreviewRequest, upstream: { host: string; port: number }): void {
    const outgoing = httpRequest({ host: upstream.host, port: upstream.port, method: request.method, path: preview.upstreamPath, headers: upstreamHeaders(request, preview, view), timeout: CONNECT_TIMEOUT_MS });
    outgoing.on('response', (incoming) => {
      try {
        response.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, downstreamHeaders(incoming, preview.prefix));
      } catch (error) {
        // A header Node will not pass on; a throw here would escape every handler.
        incoming.destroy();
        return refuse(request, response, 502, `The app on ${preview.node} port ${preview.port} answered with a malformed header: ${errorMessage(error)}`);
      }
      incoming.pipe(response);
      incoming.on('error', () => response.destroy());
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 10 s')));
    outgoing.on('error', (error) => {
      if (response.headersSent) return void response.destroy();
      refuse(request, response, 502, upstreamFailure(preview, error));
    });
    response.on('close', () => outgoing.destroy());
    request.pipe(outgoing);
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const preview = parsePreviewRequest(request.url ?? '/', request.headers.cookie);
    const fail = (status: number, message: string) => {
      const body = JSON.stringify({ error: message });
      socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Gateway'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    };
    if (!preview) return fail(404, 'A preview address is /preview/<session>/<node>/<port>/.');
    socket.on('error', () => socket.destroy());
    resolve(preview).then(
      (upstream) => tunnel(request, socket, head, preview, upstream, fail),
      (error: unknown) => fail(error instanceof HttpError ? error.status : 502, errorMessage(error)),
    );
  }

  function tunnel(request: IncomingMessage, socket: Duplex, head: Buffer, preview: PreviewRequest, upstream: { host: string; port: number }, fail: (status: number, message: string) => void): void {
    const headers = { ...upstreamHeaders(request, preview, view), connection: 'Upgrade', upgrade: request.headers.upgrade ?? 'websocket' };
    const outgoing = httpRequest({ host: upstream.host, port: upstream.port, method: request.method, path: preview.upstreamPath, headers, timeout: CONNECT_TIMEOUT_MS });
    outgoing.on('upgrade', (incoming, upstreamSocket, upstreamHead) => {
      outgoing.setTimeout(0);
      const lines = [`HTTP/1.1 101 ${incoming.statusMessage ?? 'Switching Protocols'}`];
      for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
        const name = incoming.rawHeaders[index] ?? '';
        if (!STRIPPED_RESPONSE_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${incoming.rawHeaders[index + 1]}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      tunnels.add(socket);
      const close = () => {
        tunnels.delete(socket);
        socket.destroy();
        upstreamSocket.destroy();
      };
      socket.on('close', close);
      upstreamSocket.on('close', close);
      upstreamSocket.on('error', close);
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
    });
    // The app answered without switching protocols: pass its answer on and close.
    outgoing.on('response', (incoming) => {
      const lines = [`HTTP/1.1 ${incoming.statusCode ?? 502} ${incoming.statusMessage ?? ''}`];
      for (const [name, value] of Object.entries(downstreamHeaders(incoming, preview.prefix))) {
        if (name !== 'content-length' && value !== undefined) lines.push(`${name}: ${Array.isArray(value) ? value.join(', ') : value}`);
      }
      socket.write(`${lines.join('\r\n')}\r\nconnection: close\r\n\r\n`);
      incoming.pipe(socket);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 10 s')));
    outgoing.on('error', (error) => fail(502, upstreamFailure(preview, error)));
    outgoing.end();
  }

  return { handle, handleUpgrade, closeAll: () => tunnels.forEach((socket) => socket.destroy()) };
}
