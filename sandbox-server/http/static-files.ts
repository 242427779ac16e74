// Serves the built Astro site (dist/). Paths are confined to the site folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sendError } from './respond.ts';
import { ISOLATION_HEADERS, type IsolationRule } from '../../shared/lesson-format/cross-origin-isolation.ts';
import { splitLocalePath } from '../../shared/i18n/locale-path.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serveStatic(
  siteDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  isolate: IsolationRule = () => false,
  query = new URLSearchParams(),
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, 'Only GET and HEAD are served here.');
  const root = path.resolve(siteDir);
  let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound(root, request, response, pathname);
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    const built = await stat(path.join(root, 'index.html')).catch(() => undefined);
    if (!built) return sendError(response, 404, 'The site is not built yet: run `npm run build` (npm start does it for you).');
    return notFound(root, request, response, pathname);
  }
  const isolated = isolate(path.relative(root, file).split(path.sep).join('/'), query);
  send(response, request, file, info.size, 200, pathname.startsWith('/_astro/'), isolated);
}

/** A browser gets the site's 404 page in the language of the address (/zh-CN/… → Chinese); other clients JSON. */
async function notFound(root: string, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  if (!request.headers.accept?.includes('text/html')) return sendError(response, 404, 'Not found.');
  const { locale } = splitLocalePath(pathname);
  const page = path.join(root, locale === 'en' ? '404.html' : path.join(locale, '404', 'index.html'));
  const info = await stat(page).catch(() => undefined);
  if (!info?.isFile()) return sendError(response, 404, 'Not found.');
  send(response, request, page, info.size, 404, false);
}

function send(response: ServerResponse, request: IncomingMessage, file: string, size: number, status: number, immutable: boolean, isolated = false): void {
  response.writeHead(status, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    // Astro fingerprints bundled assets, so those never change.
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(isolated ? ISOLATION_HEADERS : {}),
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file).pipe(response);
}
