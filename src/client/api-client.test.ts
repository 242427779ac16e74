import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ApiError, apiDownload, apiRequest } from './api-client.ts';
import { translator } from './localize.ts';

const zh = translator('zh-CN');
const en = translator('en');

/** A real HTTP server answering each path with a fixed status and body, and echoing what it was sent. */
const ROUTES: Record<string, [number, string]> = {
  '/coded': [429, JSON.stringify({ error: 'You already have 2 sessions…', code: 'sessionLimit', params: { limit: 2 } })],
  '/uncoded': [400, JSON.stringify({ error: 'Bad request body: title too long.' })],
  '/proto': [400, JSON.stringify({ error: 'Original.', code: '__proto__' })],
  '/html': [502, '<html>bad gateway</html>'],
  '/wrong-shape': [200, JSON.stringify({ id: 42 })],
  '/csv': [200, 'a,b\n1,2\n'],
};
let server: Server;
let base = '';
before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/echo') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth: request.headers.authorization ?? null, type: request.headers['content-type'] ?? null, body })));
      return;
    }
    const [status, body] = ROUTES[request.url ?? ''] ?? [404, '{"error":"Not found."}'];
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function failure(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request should have failed');
}

test('a coded server error becomes an ApiError with its status, code and sentence in the page language', async () => {
  const error = await failure(() => apiRequest('POST', `${base}/coded`, z.unknown(), { t: zh }));
  assert.equal(error.status, 429);
  assert.equal(error.code, 'sessionLimit');
  assert.equal(error.message, '你在此服务器上已有 2 个会话：请先结束其中一个（或等它过期），再启动新的会话。');
});

test('an uncoded error or a code the dictionaries lack keeps the server sentence; a body that is no error gives the status', async () => {
  const uncoded = await failure(() => apiRequest('GET', `${base}/uncoded`, null, { t: zh }));
  assert.deepEqual([uncoded.status, uncoded.code, uncoded.message], [400, 'uncoded', 'Bad request body: title too long.']);
  assert.equal((await failure(() => apiRequest('GET', `${base}/proto`, null, { t: zh }))).message, 'Original.');
  const html = await failure(() => apiRequest('GET', `${base}/html`, null, { t: zh }));
  assert.deepEqual([html.status, html.code, html.message], [502, 'httpStatus', '服务器返回了 HTTP 502。']);
});

test('an answer the schema rejects is an "unexpected" ApiError, never data of the wrong shape', async () => {
  const error = await failure(() => apiRequest('GET', `${base}/wrong-shape`, z.object({ id: z.string() }), { t: en }));
  assert.deepEqual([error.status, error.code, error.message], [200, 'unexpected', en('error.unexpected')]);
});

test('a server that cannot be reached is status 0, code "unreachable"', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error = await failure(() => apiRequest('GET', `http://127.0.0.1:${port}/`, null, { t: zh }));
  assert.deepEqual([error.status, error.code, error.message], [0, 'unreachable', zh('error.unreachable')]);
});

test('a token goes as a bearer header and a body as JSON; a download hands back the bytes', async () => {
  const echoed = await apiRequest('POST', `${base}/echo`, z.object({ auth: z.string().nullable(), type: z.string().nullable(), body: z.string() }), { token: 'abc', body: { capacity: 3 }, t: en });
  assert.deepEqual(echoed, { auth: 'Bearer abc', type: 'application/json', body: '{"capacity":3}' });
  const bare = await apiRequest('GET', `${base}/echo`, z.object({ auth: z.null(), type: z.null(), body: z.literal('') }), { t: en });
  assert.equal(bare.auth, null);
  assert.equal(await (await apiDownload(`${base}/csv`, { t: en })).text(), 'a,b\n1,2\n');
  assert.equal((await failure(() => apiDownload(`${base}/nothing`, { t: en }))).status, 404);
});
