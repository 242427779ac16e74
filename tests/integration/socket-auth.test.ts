// Every websocket takes its token the same way (sandbox-server/http/socket-auth.ts, docs/api.md): the first
// frame (the site), `?token=` (the original form) or a bearer header (scripts). The workshop sockets used to
// know only the first frame; wrong tokens in every form must still be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { CloseCode, decodeFrame } from '../../shared/contracts/protocol.ts';
import { DashboardMessageSchema } from '../../shared/contracts/workshop-schemas.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { createWorkshop, joinWorkshop } from '../support/workshop-client.ts';

const server = serverForThisFile('socket-auth');

type Way = 'frame' | 'query' | 'header';

/** Opens the dashboard socket with `token` given one `way`; resolves with the first state frame's title or the close code. */
function liveSocket(workshopId: string, token: string, way: Way, firstFrame?: string): Promise<{ title?: string; code?: number }> {
  const query = way === 'query' ? `?token=${encodeURIComponent(token)}` : '';
  const socket = new WebSocket(`${server.wsUrl}/api/workshops/${workshopId}/live${query}`, way === 'header' ? { headers: { authorization: `Bearer ${token}` } } : {});
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      if (way === 'frame') socket.send(firstFrame ?? JSON.stringify({ type: 'auth', token }));
    });
    socket.once('message', (data) => {
      const decoded = decodeFrame(DashboardMessageSchema, String(data));
      socket.close();
      resolve(decoded.ok && decoded.value.type === 'state' ? { title: decoded.value.state.workshop.title } : {});
    });
    socket.once('close', (code) => resolve({ code }));
    socket.once('error', reject);
  });
}

test('the dashboard socket opens with the instructor token as first frame, in the address or as a bearer header', async () => {
  const created = await createWorkshop(server.url, { title: 'Auth day' });
  for (const way of ['frame', 'query', 'header'] as const) {
    assert.deepEqual(await liveSocket(created.workshop.id, created.instructorToken, way), { title: 'Auth day' }, way);
  }
});

test('a wrong, missing or learner token is refused with 4401 in every form, and an unknown workshop with 4404', async () => {
  const created = await createWorkshop(server.url);
  const learner = await joinWorkshop(server.url, created.workshop.code, 'Mallory');
  for (const way of ['frame', 'query', 'header'] as const) {
    assert.deepEqual(await liveSocket(created.workshop.id, 'x'.repeat(43), way), { code: CloseCode.unauthorized }, `a stranger's token (${way})`);
    assert.deepEqual(await liveSocket(created.workshop.id, learner.learner.token, way), { code: CloseCode.unauthorized }, `a learner's token (${way})`);
  }
  assert.deepEqual(await liveSocket(created.workshop.id, '', 'query'), { code: CloseCode.unauthorized }, 'an empty ?token=');
  assert.deepEqual(await liveSocket(created.workshop.id, '', 'frame', JSON.stringify({ type: 'resize', cols: 80, rows: 24 })), { code: CloseCode.unauthorized }, 'a first frame that is no auth');
  assert.deepEqual(await liveSocket(created.workshop.id, '', 'frame', 'not json'), { code: CloseCode.unauthorized }, 'a first frame that is no JSON');
  assert.deepEqual(await liveSocket('no-such-workshop', created.instructorToken, 'query'), { code: CloseCode.unknownSession });
});
