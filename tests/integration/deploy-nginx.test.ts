// docs/deploy.md's nginx configuration, as written there, in front of a real server: Debian's nginx on
// loopback with a self-signed certificate (installed when missing, as root on Debian). Sessions, the terminal
// websocket and the preview origin all work through it, and the server believes the proxy about HTTPS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { SessionSchema } from '../../shared/contracts/api-schemas.ts';
import { canUseApt, ensureCommand, hasCommand } from '../../scripts/lib/system-packages.mjs';
import { assertNoSandboxesLeft, uniqueInstance } from '../support/leftovers.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const instance = uniqueInstance('deploy-nginx');
const available = hasCommand('nginx') || canUseApt();
let dir = '';
let nginx: ChildProcess | undefined;
let server: TestServer | undefined;
let ca: Buffer;
const ports = { site: 0, preview: 0 };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The ```nginx block of docs/deploy.md, its two servers moved to loopback ports, certificates and upstreams filled in. */
async function documentedConfig(upstream: { site: number; preview: number }): Promise<string> {
  const doc = await readFile(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(block, 'docs/deploy.md has an nginx configuration');
  let listens = 0;
  return block
    .replace(/listen 443 ssl;/g, () => `listen 127.0.0.1:${listens++ === 0 ? ports.site : ports.preview} ssl;`)
    .replaceAll('/etc/ssl/slipway/fullchain.pem', path.join(dir, 'cert.pem'))
    .replaceAll('/etc/ssl/slipway/privkey.pem', path.join(dir, 'key.pem'))
    .replaceAll('127.0.0.1:4321', `127.0.0.1:${upstream.site}`)
    .replaceAll('127.0.0.1:4322', `127.0.0.1:${upstream.preview}`);
}

before(async () => {
  if (!available) return;
  ensureCommand('nginx', ['nginx-light'], 'the deployment test behind nginx');
  dir = await mkdtemp(path.join(tmpdir(), 'slipway-nginx-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  ca = await readFile(path.join(dir, 'cert.pem'));
  ports.site = await freePort();
  ports.preview = await freePort();
  server = await startTestServer({
    SLIPWAY_INSTANCE: instance,
    SLIPWAY_TRUSTED_PROXIES: '127.0.0.1',
    SLIPWAY_PUBLIC_URL: `https://127.0.0.1:${ports.site}`,
    SLIPWAY_PREVIEW_URL: `https://127.0.0.1:${ports.preview}`,
  });
  const upstream = { site: Number(new URL(server.url).port), preview: Number(new URL(server.previewUrl).port) };
  const config = `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log ${dir}/access.log;\n  client_body_temp_path ${dir}/body;\n  proxy_temp_path ${dir}/proxy;\n${await documentedConfig(upstream)}\n}\n`;
  await writeFile(path.join(dir, 'nginx.conf'), config);
  nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await get('/api/health').then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('nginx did not start');
});

after(async () => {
  nginx?.kill('SIGQUIT');
  await server?.close();
  if (server) await assertNoSandboxesLeft(instance);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** An HTTPS request through nginx, trusting the test's certificate. */
function get(pathname: string, options: { port?: number; method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host: '127.0.0.1', port: options.port ?? ports.site, path: pathname, method: options.method ?? 'GET', headers: options.headers, ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

test('through nginx with TLS: sessions, the terminal websocket and previews on their own origin', { skip: available ? false : 'needs nginx (root on Debian installs it)' }, async () => {
  const site = `https://127.0.0.1:${ports.site}`;
  const created = await get('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json', origin: site }, body: '{"lesson":"first-container"}' });
  assert.equal(created.status, 201, created.body);
  const session = SessionSchema.parse(JSON.parse(created.body));
  const crossSite = await get('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{"lesson":"first-container"}' });
  assert.equal(crossSite.status, 403);

  // The terminal, as the site opens it: wss through the proxy, the token in the first frame.
  const socket = new WebSocket(`wss://127.0.0.1:${ports.site}/api/sessions/${session.id}/terminal`, { ca, headers: { origin: site } });
  let output = '';
  socket.on('message', (data, isBinary) => {
    if (isBinary) output += String(data);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'auth', token: session.token }));
  socket.send(Buffer.from('echo through-nginx-$((40+2))\r'), { binary: true });
  for (let waited = 0; !/through-nginx-42/.test(output); waited += 100) {
    assert.ok(waited < 30_000, `no echo through nginx; got: ${output.slice(-300)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  socket.close();

  // A ports link on the site goes to the preview origin, where the cookie is Secure (nginx said HTTPS).
  const link = `/preview/${session.id}/node1/8080/?token=${encodeURIComponent(session.token)}`;
  const onSite = await get(link);
  assert.equal(onSite.status, 307);
  assert.equal(onSite.headers.location, `https://127.0.0.1:${ports.preview}${link}`);
  const traded = await get(link, { port: ports.preview });
  assert.equal(traded.status, 303);
  assert.match(String(traded.headers['set-cookie']), /HttpOnly; SameSite=Strict; Secure/);
  const cookie = String(traded.headers['set-cookie']).split(';')[0] ?? '';
  const page = await get(`/preview/${session.id}/node1/8080/`, { port: ports.preview, headers: { cookie } });
  assert.equal(page.status, 502, 'proxied to the node, where nothing listens on 8080');
  assert.match(page.body, /Nothing answered on node1 port 8080/);
  assert.equal((await get('/api/health', { port: ports.preview })).status, 404, 'the preview host serves previews only');

  const ended = await get(`/api/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}`, origin: site } });
  assert.equal(ended.status, 204);
});
