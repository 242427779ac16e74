// Requests a learner's browser can be made to send by another site, and what a deployment behind a proxy
// must believe about its clients: cross-site writes and websockets are refused, JSON must say it is JSON,
// tokens can stay out of addresses, workshops need the operator, and proxies are believed only when trusted.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import WebSocket from 'ws';
import { SessionSchema, type SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { CloseCode } from '../../shared/contracts/protocol.ts';
import { authorized, deleteSession, JSON_HEADERS, requestSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile, startTestServer, type TestServer } from '../support/test-server.ts';
import { createWorkshop, joinWorkshop } from '../support/workshop-client.ts';
import { assertNoSandboxesLeft, uniqueInstance } from '../support/leftovers.ts';

// Reachable from other machines (HOST), behind a proxy at 127.0.0.2, one session per client.
const server = serverForThisFile('cross-site', { HOST: '0.0.0.0', SLIPWAY_TRUSTED_PROXIES: '127.0.0.2', SLIPWAY_SESSIONS_PER_CLIENT: '1' });
const EVIL = 'http://evil.example';
const cleanup: SessionInfo[] = [];
after(async () => {
  for (const session of cleanup) await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' })).catch(() => undefined);
});

function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('error', reject);
  });
}

test('drive-by requests: a text/plain or cross-site POST creates nothing; the site itself still can', async () => {
  const plain = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"lesson":"first-container"}' });
  assert.equal(plain.status, 415);
  assert.match(((await plain.json()) as { error: string }).error, /Content-Type: application\/json/);
  const crossOrigin = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { ...JSON_HEADERS, origin: EVIL }, body: '{"lesson":"first-container"}' });
  assert.equal(crossOrigin.status, 403);
  const crossSite = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { ...JSON_HEADERS, 'sec-fetch-site': 'same-site' }, body: '{"lesson":"first-container"}' });
  assert.equal(crossSite.status, 403, 'a preview on another port of the same host is same-site, not same-origin');

  const own = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { ...JSON_HEADERS, origin: server.url, 'sec-fetch-site': 'same-origin' }, body: '{"lesson":"first-container"}' });
  assert.equal(own.status, 201);
  const session = SessionSchema.parse(await own.json());
  cleanup.push(session);
  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE', headers: { origin: EVIL } }));
  assert.equal(deleted.status, 403, 'a cross-site DELETE is refused even with the token');

  // Websockets: another site's page cannot open the learner's terminal; the site's own pages can, with the
  // token in the first frame (out of the address) or, for scripts, in a header.
  const bare = terminalUrl(server.wsUrl, session).replace(/\?token=.*/, '');
  assert.equal(await upgradeStatus(terminalUrl(server.wsUrl, session), { origin: EVIL }), 403);
  const framed = await TerminalClient.open(bare, { headers: { origin: server.url } });
  framed.sendRaw(JSON.stringify({ type: 'auth', token: session.token }));
  await framed.waitForOutput(/[#$] $/m);
  framed.type('echo framed-$((20+1))\r');
  await framed.waitForOutput(/framed-21/);
  framed.close();
  const header = await TerminalClient.open(bare, { headers: { authorization: `Bearer ${session.token}` } });
  await header.waitForOutput(/[#$] $/m);
  header.close();
  const wrong = await TerminalClient.open(bare);
  wrong.sendRaw(JSON.stringify({ type: 'auth', token: 'not-the-token' }));
  await wrong.waitForClose();
  assert.equal(wrong.closeCode, CloseCode.unauthorized);
  await deleteSession(server.url, session);
});

test('behind a trusted proxy each learner is their own client; anyone else\'s X-Forwarded-For is ignored', async () => {
  const viaProxy = (address: string) => requestSession(server.url, 'first-container', '127.0.0.2', { 'x-forwarded-for': `${address}, 127.0.0.2` });
  const first = await viaProxy('203.0.113.1');
  const second = await viaProxy('203.0.113.2');
  assert.equal(first.status, 201);
  assert.equal(second.status, 201, 'two learners behind one proxy');
  const again = await viaProxy('203.0.113.1');
  assert.equal(again.status, 429, 'the same learner again');
  const direct = await requestSession(server.url, 'first-container', '127.0.0.1', { 'x-forwarded-for': '198.51.100.1' });
  const spoofed = await requestSession(server.url, 'first-container', '127.0.0.1', { 'x-forwarded-for': '198.51.100.2' });
  assert.equal(direct.status, 201);
  assert.equal(spoofed.status, 429, 'a forged X-Forwarded-For from an untrusted peer changes nothing');
  const sessions = [first, second, direct].map((answer) => SessionSchema.parse(answer.body));
  cleanup.push(...sessions);

  // The preview cookie is Secure when the browser came over HTTPS (as the trusted proxy says).
  const session = sessions[0] as SessionInfo;
  const cookie = await new Promise<string>((resolve, reject) => {
    const url = `${server.previewUrl}/preview/${session.id}/node1/8080/?token=${encodeURIComponent(session.token)}`;
    httpRequest(url, { localAddress: '127.0.0.2', headers: { 'x-forwarded-proto': 'https' } }, (response) => {
      response.resume();
      resolve(String(response.headers['set-cookie'] ?? ''));
    }).on('error', reject).end();
  });
  assert.match(cookie, /; HttpOnly; SameSite=Strict; Secure$/);
  for (const each of sessions) await deleteSession(server.url, each);
});

test('a server others can reach creates workshops only with the operator token; learners count per address', async () => {
  const refused = await fetch(`${server.url}/api/workshops`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
  assert.equal(refused.status, 403);
  assert.match(((await refused.json()) as { error: string }).error, /SLIPWAY_OPERATOR_TOKEN/);

  const instance = uniqueInstance('operator');
  const operated: TestServer = await startTestServer({ SLIPWAY_INSTANCE: instance, SLIPWAY_OPERATOR_TOKEN: 'operator-secret-0123456789', SLIPWAY_SESSIONS_PER_ADDRESS: '1' });
  try {
    const anonymous = await fetch(`${operated.url}/api/workshops`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
    assert.equal(anonymous.status, 401);
    const workshop = await createWorkshop(operated.url, {}, 'operator-secret-0123456789');
    const ada = await joinWorkshop(operated.url, workshop.workshop.code, 'Ada');
    const bob = await joinWorkshop(operated.url, workshop.workshop.code, 'Bob');
    const start = (token: string) =>
      fetch(`${operated.url}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson: 'first-container', workshop: { learner: token } }) });
    const adaSession = await start(ada.learner.token);
    assert.equal(adaSession.status, 201);
    const bobSession = await start(bob.learner.token);
    assert.equal(bobSession.status, 429, 'joined learners still count against their address');
    assert.match(((await bobSession.json()) as { error: string }).error, /Your network already holds 1 sessions/);
  } finally {
    await operated.close();
    await assertNoSandboxesLeft(instance);
  }
});
