// A learner who starts a lesson while the instructor ends the workshop gets no sandbox that outlives it: the
// workshop's end reaches the sessions it follows, and one still starting ends itself once started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForThisFile } from '../support/test-server.ts';
import { createWorkshop, instructorAuth, joinWorkshop } from '../support/workshop-client.ts';
import { JSON_HEADERS } from '../support/api-client.ts';
import { readUntil } from '../support/read-until.ts';
import { sandboxesOf } from '../support/leftovers.ts';

const server = serverForThisFile('workshop-end-race');

test('a session starting when the workshop ends is ended and refused (410), its sandbox removed', async () => {
  // Starting in an hour: nothing is pre-warmed, so the learner's sandbox starts cold and takes seconds.
  const now = Date.now();
  const created = await createWorkshop(server.url, { startsAt: new Date(now + 3600_000).toISOString(), endsAt: new Date(now + 7200_000).toISOString() });
  const learner = await joinWorkshop(server.url, created.workshop.code, 'Ada');
  const starting = fetch(`${server.url}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson: 'first-container', workshop: { learner: learner.learner.token } }) });
  const [session] = await readUntil(async () => server.app.sessions.all(), (sessions) => sessions.length > 0, 30_000, 20);
  assert.ok(session, 'the learner\'s session was created');
  assert.notEqual(session.state, 'ready', 'the workshop ends while the sandbox is still starting');

  const ended = await fetch(`${server.url}/api/workshops/${created.workshop.id}/end`, { method: 'POST', ...instructorAuth(created.instructorToken) });
  assert.equal(ended.status, 200);
  const answer = await starting;
  assert.equal(answer.status, 410, await answer.clone().text());
  assert.match(((await answer.json()) as { error: string }).error, /has ended/);
  assert.deepEqual(server.app.sessions.all(), [], 'the server holds no session for the ended workshop');
  assert.deepEqual(await sandboxesOf(server.instance), [], 'and no sandbox');
});
