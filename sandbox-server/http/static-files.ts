// Serves the built Astro site (dist/). Paths are confined to the site folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sendError } from './respond.ts';

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

export async function serveStatic(siteDir: string, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, 'Only GET and HEAD are served here.');
  const root = path.resolve(siteDir);
  let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return sendError(response, 404, 'Not found.');
  let info = await stat(file).catch(() => undefined);
  let status = 200;
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    const built = await stat(path.join(root, 'index.html')).catch(() => undefined);
    // A browser asking for a page gets the site's 404 page (a way back), not a JSON error.
    const notFoundPage = path.join(root, '404.html');
    const page = built && (request.headers.accept ?? '').includes('text/html') ? await stat(notFoundPage).catch(() => undefined) : undefined;
    if (!page?.isFile()) return sendError(response, 404, built ? 'Not found.' : 'The site is not built yet: run `npm run build` (npm start does it for you).');
    file = notFoundPage;
    info = page;
    status = 404;
  }
  response.writeHead(status, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    // Astro fingerprints bundled assets, so those never change.
    'cache-control': pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(file).pipe(response);
}
