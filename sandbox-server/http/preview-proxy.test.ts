// The preview proxy against a real local upstream (HTTP and a websocket echo): the token is traded for a
// cookie, never reaches the app, and a request without it is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { HttpError } from './http-error.ts';
import { createPreviewProxy, parsePreviewRequest } from './preview-proxy.ts';

const TOKEN = 'secret-token';
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
let upstream: Server;
let proxy: Server;
let upstreamPort = 0;
let base = '';

before(async () => {
  upstream = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    if (request.url === '/moved') return void response.writeHead(302, { location: '/target' }).end();
    if (request.url === '/claims') {
      // What a hostile app answers to take the preview origin over: a worker for every path, and cookies.
      return void response.writeHead(200, { 'content-type': 'text/javascript', 'service-worker-allowed': '/', 'set-cookie': ['slipway_preview=stolen; Path=/', 'theme=dark'] }).end('self.skipWaiting()');
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`hello from ${request.url}`);
  });
  const echo = new WebSocketServer({ server: upstream });
  echo.on('connection', (socket, request) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    socket.on('message', (data) => socket.send(`echo:${String(data)}`));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as AddressInfo).port;
  const preview = createPreviewProxy(async (sessionId, token, node, port) => {
    if (sessionId !== 's1') throw new HttpError(404, 'No such session.');
    if (token !== TOKEN) throw new HttpError(401, 'Wrong or missing session token.');
    assert.equal(node, 'node1');
    return { host: '127.0.0.1', port };
  });
  proxy = createServer((request, response) => preview.handle(request, response));
  proxy.on('upgrade', (request, socket, head) => preview.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(proxy.address() as AddressInfo).port}/preview/s1/node1/${upstreamPort}`;
});

after(async () => {
  proxy.closeAllConnections();
  upstream.closeAllConnections();
  await Promise.all([new Promise((resolve) => proxy.close(resolve)), new Promise((resolve) => upstream.close(resolve))]);
});

describe('parsePreviewRequest', () => {
  test('splits the address, strips the token and the preview cookie from what goes upstream', () => {
    const parsed = parsePreviewRequest('/preview/abc_-1/node2/8080/app/x?a=1&token=t0k&b=2', 'theme=dark; slipway_preview=c%2Fk; lang=en');
    assert.deepEqual(parsed, {
      sessionId: 'abc_-1',
      node: 'node2',
      port: 8080,
      prefix: '/preview/abc_-1/node2/8080',
      upstreamPath: '/app/x?a=1&b=2',
      queryToken: 't0k',
      cookieToken: 'c/k',
      upstreamCookie: 'theme=dark; lang=en',
      bare: false,
    });
    assert.equal(parsePreviewRequest('/preview/abc/node1/80', undefined)?.bare, true);
    assert.equal(parsePreviewRequest('/preview/abc/node1/80', undefined)?.upstreamPath, '/');
    assert.equal(parsePreviewRequest('/preview/abc/node1/http/', undefined), undefined);
    assert.equal(parsePreviewRequest('/api/sessions', undefined), undefined);
    assert.equal(parsePreviewRequest('/preview/abc/node1/80/', 'slipway_preview=%E0%A4%A')?.cookieToken, undefined);
  });
});

describe('HTTP through the proxy', () => {
  test('without a token: 401 with one sentence, HTML for browsers', async () => {
    const json = await fetch(`http://${base}/`);
    assert.equal(json.status, 401);
    assert.match(((await json.json()) as { error: string }).error, /token/);
    const html = await fetch(`http://${base}/`, { headers: { accept: 'text/html' } });
    assert.equal(html.status, 401);
    assert.match(await html.text(), /<p>This preview needs its session token/);
    const wrong = await fetch(`http://${base}/?token=nope`);
    assert.equal(wrong.status, 401);
  });

  test('the token is traded for a path-scoped HttpOnly cookie, then pages load with the cookie only', async () => {
    const first = await fetch(`http://${base}/page?x=1&token=${TOKEN}`, { redirect: 'manual' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), `/preview/s1/node1/${upstreamPort}/page?x=1`);
    const cookie = first.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^slipway_preview=secret-token; Path=\/preview\/s1\/; HttpOnly; SameSite=Strict$/);

    const page = await fetch(`http://${base}/page?x=1`, { headers: { cookie: 'other=1; slipway_preview=secret-token' } });
    assert.equal(page.status, 200);
    assert.equal(await page.text(), 'hello from /page?x=1');
    const request = seen.at(-1);
    assert.equal(request?.headers.cookie, 'other=1', 'the preview cookie stays with the proxy');
    assert.equal(request?.headers['x-forwarded-prefix'], `/preview/s1/node1/${upstreamPort}`);
  });

  test('a redirect of the app stays under the preview prefix; the bare address gets its slash', async () => {
    const headers = { cookie: `slipway_preview=${TOKEN}` };
    const moved = await fetch(`http://${base}/moved`, { headers, redirect: 'manual' });
    assert.equal(moved.headers.get('location'), `/preview/s1/node1/${upstreamPort}/target`);
    const bare = await fetch(`http://${base}`, { headers, redirect: 'manual' });
    assert.equal(bare.status, 303);
    assert.equal(bare.headers.get('location'), `/preview/s1/node1/${upstreamPort}/`);
  });

  test('an app cannot widen a Service Worker or set cookies, and worker scripts are not fetched at all', async () => {
    const headers = { cookie: `slipway_preview=${TOKEN}` };
    const claims = await fetch(`http://${base}/claims`, { headers });
    assert.equal(claims.status, 200);
    assert.equal(claims.headers.get('service-worker-allowed'), null);
    assert.equal(claims.headers.get('set-cookie'), null);
    const before = seen.length;
    const worker = await fetch(`http://${base}/claims`, { headers: { ...headers, 'service-worker': 'script' } });
    assert.equal(worker.status, 403);
    assert.match(((await worker.json()) as { error: string }).error, /Service Workers/);
    assert.equal(seen.length, before, 'the registration never reached the app');
  });

  test('nothing listening upstream: 502 with a sentence', async () => {
    const closed = base.replace(`/${upstreamPort}`, '/1');
    const response = await fetch(`http://${closed}/`, { headers: { cookie: `slipway_preview=${TOKEN}` } });
    assert.equal(response.status, 502);
    assert.match(((await response.json()) as { error: string }).error, /Nothing answered on node1 port 1 .*publishing that port\?/);
  });
});

describe('websockets through the proxy', () => {
  test('an upgrade with the cookie is tunnelled to the app, both ways', async () => {
    const socket = new WebSocket(`ws://${base}/socket`, { headers: { cookie: `slipway_preview=${TOKEN}` } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send('ping');
    assert.equal(await reply, 'echo:ping');
    assert.equal(seen.at(-1)?.url, '/socket');
    assert.equal(seen.at(-1)?.headers.cookie, undefined);
    socket.close();
  });

  test('an upgrade with ?token= works too, and the token is not passed on', async () => {
    const socket = new WebSocket(`ws://${base}/live?room=1&token=${TOKEN}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    assert.equal(seen.at(-1)?.url, '/live?room=1');
    socket.close();
  });

  test('an upgrade without a token is refused with 401', async () => {
    const socket = new WebSocket(`ws://${base}/socket`);
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
    assert.equal(status, 401);
  });
});
