import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { DashboardMessageSchema, type DashboardMessage } from '../../shared/contracts/workshop-schemas.ts';
import { openApiSocket } from './api-socket.ts';

// A real websocket server; the page's address is the only browser global the opener reads (Node 22 has WebSocket).
let server: WebSocketServer;
const connected = Promise.withResolvers<{ path: string; socket: ServerSocket; first: Promise<string> }>();
before(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket, request) => {
    connected.resolve({ path: request.url ?? '', socket, first: new Promise((resolve) => socket.once('message', (data) => resolve(String(data)))) });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  Object.defineProperty(globalThis, 'location', { value: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/zh-CN/workshops/dashboard/`), configurable: true });
});
after(() => server.close());

test('the token goes as the first frame, never in the address; only frames the schema accepts get through', async () => {
  const frames: DashboardMessage[] = [];
  const bytes: number[][] = [];
  const closed = Promise.withResolvers<number>();
  openApiSocket('/api/workshops/w-123456/live', 'secret-token', DashboardMessageSchema, {
    onFrame: (frame) => frames.push(frame),
    onBytes: (received) => bytes.push([...received]),
    onClose: (event) => closed.resolve(event.code),
  });
  const connection = await connected.promise;
  assert.equal(connection.path, '/api/workshops/w-123456/live');
  assert.deepEqual(JSON.parse(await connection.first), { type: 'auth', token: 'secret-token' });
  for (const hostile of ['not json', '{"type":"state"}', '{"type":"error"}', '{"type":"__proto__","message":"x"}', '[]', 'null']) connection.socket.send(hostile);
  connection.socket.send(Buffer.from([1, 2, 3]));
  connection.socket.send(JSON.stringify({ type: 'error', message: 'The workshop is gone.' }));
  connection.socket.close(4404, 'gone');
  assert.equal(await closed.promise, 4404);
  assert.deepEqual(frames, [{ type: 'error', message: 'The workshop is gone.' }]);
  assert.deepEqual(bytes, [[1, 2, 3]]);
});
