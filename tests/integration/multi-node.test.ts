// Multi-node sessions on the real engine: nodes join a private network, reach each other by hostname, form a
// swarm; nodes come and go during the session and nothing is left behind.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AddNodeResponseSchema, SessionStatusSchema, type SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { authorized, createSession, terminalUrl } from '../support/api-client.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { networksOf, sandboxesOf } from '../support/leftovers.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('multi-node', { SLIPWAY_RECONNECT_GRACE_S: '1' });

// A copy of the first lesson that asks for three nodes.
const lessonsDir = mkdtempSync(path.join(tmpdir(), 'slipway-multi-node-'));
const lessonFile = path.join(lessonsDir, '01-three-nodes', 'lesson.md');
cpSync(path.resolve(import.meta.dirname, '../../lessons/01-first-container'), path.dirname(lessonFile), { recursive: true });
writeFileSync(lessonFile, readFileSync(lessonFile, 'utf8').replace(/^---\n/, '---\nnodes: 3\n'));
const threeNodes = serverForThisFile('multi-node-lesson', { SLIPWAY_LESSONS_DIR: lessonsDir });
after(() => rmSync(lessonsDir, { recursive: true, force: true }));

async function nodesOf(session: SessionInfo, base = server.url): Promise<string[]> {
  const response = await fetch(`${base}/api/sessions/${session.id}`, authorized(session));
  return SessionStatusSchema.parse(await response.json()).nodes;
}

/** Types `command` in the terminal and resolves with what it printed between two markers. */
async function run(terminal: TerminalClient, command: string, timeoutMs = 30_000): Promise<string> {
  const mark = `m${Math.random().toString(36).slice(2, 8)}`;
  terminal.type(`echo ${mark}-""begin; ${command}; echo ${mark}-""end\r`);
  const pattern = new RegExp(`${mark}-begin\\r?\\n([\\s\\S]*?)${mark}-end`);
  await terminal.waitForOutput(pattern, timeoutMs);
  return pattern.exec(terminal.text)?.[1] ?? '';
}

test('two nodes form a swarm across the session network; node2 has its own terminal', async () => {
  const session = await createSession(server.url);
  assert.deepEqual(await nodesOf(session), ['node1']);

  const added = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal(added.status, 201);
  assert.deepEqual(AddNodeResponseSchema.parse(await added.json()), { node: 'node2' });
  assert.deepEqual(await nodesOf(session), ['node1', 'node2']);
  assert.equal((await networksOf(server.instance)).length, 1, 'the session got its private network');

  const node1 = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  const node2 = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&node=node2`);
  await node1.waitForOutput(/node1:.*[#$] $/m);
  await node2.waitForOutput(/node2:.*[#$] $/m);

  assert.match(await run(node2, 'ping -c 1 -W 3 node1 >/dev/null && echo reach""able'), /reachable/);
  await run(node1, 'docker swarm init >/dev/null');
  const token = (await run(node1, 'docker swarm join-token -q worker')).trim();
  assert.match(token, /^SWMTKN-/);
  assert.match(await run(node2, `docker swarm join --token ${token} node1:2377`), /This node joined a swarm as a worker/);
  const listed = await run(node1, "docker node ls --format '{{.Hostname}} {{.Status}}' | sort");
  assert.deepEqual(listed.trim().split(/\r?\n/), ['node1 Ready', 'node2 Ready']);

  node1.close();
  node2.close();
  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
  assert.deepEqual(await sandboxesOf(server.instance), []);
  assert.deepEqual(await networksOf(server.instance), [], 'the private network went with the session');
});

test('a node is added and removed during the session; node1 stays; bad node names are refused', async () => {
  const session = await createSession(server.url);
  const add = () => fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
  assert.equal((await add()).status, 201);
  const terminal = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&node=node2`);
  await terminal.waitForOutput(/node2:.*[#$] $/m);

  const removed = await fetch(`${server.url}/api/sessions/${session.id}/nodes/node2`, authorized(session, { method: 'DELETE' }));
  assert.equal(removed.status, 204);
  await terminal.waitForClose();
  assert.deepEqual(await nodesOf(session), ['node1']);
  assert.equal((await sandboxesOf(server.instance)).length, 1, 'only node1 is left');

  const node1 = await fetch(`${server.url}/api/sessions/${session.id}/nodes/node1`, authorized(session, { method: 'DELETE' }));
  assert.equal(node1.status, 409);
  assert.match(((await node1.json()) as { error: string }).error, /node1/);
  const missing = await fetch(`${server.url}/api/sessions/${session.id}/nodes/node4`, authorized(session, { method: 'DELETE' }));
  assert.equal(missing.status, 404);
  const unauthorized = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, { method: 'POST' });
  assert.equal(unauthorized.status, 401);

  // The freed name is used again.
  const again = await add();
  assert.deepEqual(await again.json(), { node: 'node2' });
  const ghost = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&node=node3`);
  await ghost.waitForClose();
  assert.equal(ghost.closeCode, 4404);
  assert.match(ghost.closeReason ?? '', /node3/);

  const deleted = await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
  assert.deepEqual(await networksOf(server.instance), []);
});

test("a lesson's `nodes` starts that many nodes with the session, each named by its hostname", async () => {
  const session = await createSession(threeNodes.url, 'three-nodes');
  assert.deepEqual(await nodesOf(session, threeNodes.url), ['node1', 'node2', 'node3']);
  const node3 = await TerminalClient.open(`${terminalUrl(threeNodes.wsUrl, session)}&node=node3`);
  await node3.waitForOutput(/node3:.*[#$] $/m);
  assert.match(await run(node3, 'hostname; ping -c 1 -W 3 node2 >/dev/null && echo node2-""reachable'), /node3\r?\nnode2-reachable/);
  node3.close();
  const deleted = await fetch(`${threeNodes.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  assert.equal(deleted.status, 204);
  assert.deepEqual(await sandboxesOf(threeNodes.instance), []);
  assert.deepEqual(await networksOf(threeNodes.instance), []);
});

test("a session's private network is closed to other sessions, both ways", async () => {
  const [pair, single] = await Promise.all([createSession(server.url), createSession(server.url)]);
  assert.equal((await fetch(`${server.url}/api/sessions/${pair.id}/nodes`, authorized(pair, { method: 'POST' }))).status, 201);
  const docker = connectDocker();
  const addressOf = async (name: string) => Object.values((await docker.getContainer(name).inspect()).NetworkSettings.Networks)[0]?.IPAddress ?? '';
  const [singleIp, pairIp] = await Promise.all([addressOf(`slipway-${single.id}`), addressOf(`slipway-${pair.id}`)]);

  const serve = 'docker run -d -p 8080:80 busybox httpd -f -p 80 >/dev/null && echo se""rving';
  const inSingle = await TerminalClient.open(terminalUrl(server.wsUrl, single));
  const inPair = await TerminalClient.open(`${terminalUrl(server.wsUrl, pair)}&node=node2`);
  await Promise.all([inSingle.waitForOutput(/[#$] $/m), inPair.waitForOutput(/node2:.*[#$] $/m)]);
  assert.match(await run(inSingle, serve), /serving/);
  assert.match(await run(inPair, serve), /serving/);
  const probe = (ip: string) => `curl -s -m 3 -o /dev/null -w "code=%{http_code}" http://${ip}:8080/; echo " exit=$?"`;
  const pairNode1 = await TerminalClient.open(terminalUrl(server.wsUrl, pair));
  await pairNode1.waitForOutput(/node1:.*[#$] $/m);
  assert.match(await run(pairNode1, probe('node2')), /code=(200|404) exit=0/, 'the probe does reach a node of the same session');
  pairNode1.close();
  assert.match(await run(inPair, probe(singleIp)), /code=000 exit=(7|28)/, 'node2 cannot reach another session');
  assert.match(await run(inSingle, probe(pairIp)), /code=000 exit=(7|28)/, 'another session cannot reach the private network');
  inSingle.close();
  inPair.close();
  await Promise.all([pair, single].map((session) => fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }))));
});
