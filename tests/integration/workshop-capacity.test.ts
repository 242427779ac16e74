// A full workshop tells learners to ask the instructor for room: the instructor can raise the capacity (and
// only the instructor), never below the learners already in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForThisFile } from '../support/test-server.ts';
import { createWorkshop, joinWorkshop } from '../support/workshop-client.ts';

const server = serverForThisFile('workshop-capacity');

const patch = (id: string, token: string, body: unknown) =>
  fetch(`${server.url}/api/workshops/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const join = (code: string, name: string) => fetch(`${server.url}/api/workshops/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name }) });

test('the instructor raises a full workshop\'s capacity and the next learner gets in', async () => {
  const created = await createWorkshop(server.url, { capacity: 1 });
  await joinWorkshop(server.url, created.workshop.code, 'Ada');
  const full = await join(created.workshop.code, 'Bob');
  assert.equal(full.status, 403);
  assert.match(((await full.json()) as { error: string }).error, /raise its capacity/);

  const raised = await patch(created.workshop.id, created.instructorToken, { capacity: 2 });
  assert.equal(raised.status, 200, await raised.clone().text());
  assert.equal(((await raised.json()) as { workshop: { capacity: number } }).workshop.capacity, 2);
  assert.equal((await join(created.workshop.code, 'Bob')).status, 201);
});

test('capacity cannot drop below the learners in, nor be changed without the instructor token', async () => {
  const created = await createWorkshop(server.url, { capacity: 3 });
  await joinWorkshop(server.url, created.workshop.code, 'Ada');
  await joinWorkshop(server.url, created.workshop.code, 'Bob');
  const lower = await patch(created.workshop.id, created.instructorToken, { capacity: 1 });
  assert.equal(lower.status, 400);
  assert.match(((await lower.json()) as { error: string }).error, /2 learners have joined/);
  for (const capacity of [0, -5, 501, 2.5, '9']) assert.equal((await patch(created.workshop.id, created.instructorToken, { capacity })).status, 400, `capacity ${capacity}`);
  const stranger = await patch(created.workshop.id, 'x'.repeat(43), { capacity: 100 });
  assert.equal(stranger.status, 401, 'a learner or stranger cannot open the doors');
});
