// `runtime: webcontainer` lessons on the server: cross-origin isolation on their pages only, the runtime
// settings, and their fallback sandbox (a plain node:22 container with Docker's default confinement).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { authorized, createSession, deleteSession, requestSession, sessionStatus } from '../support/api-client.ts';
import { startTestServer, serverForThisFile, type TestServer } from '../support/test-server.ts';
import { uniqueInstance, assertNoSandboxesLeft } from '../support/leftovers.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { sandboxName } from '../../sandbox-server/engine/sandbox-container.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';
import { RuntimeSettingsSchema } from '../../shared/contracts/api-schemas.ts';

const LESSON = 'app-before-docker';
const server = serverForThisFile('webcontainer-lessons');

async function isolation(base: string, path: string): Promise<{ coop: string | null; coep: string | null }> {
  const response = await fetch(`${base}${path}`);
  assert.equal(response.status, 200, `${path} is served (run npm run build first)`);
  await response.arrayBuffer();
  return { coop: response.headers.get('cross-origin-opener-policy'), coep: response.headers.get('cross-origin-embedder-policy') };
}

const ISOLATED = { coop: 'same-origin', coep: 'require-corp' };
const NOT_ISOLATED = { coop: null, coep: null };

test('only a webcontainer lesson page is cross-origin isolated, and not once it runs in its Docker fallback', async () => {
  await server.ready;
  assert.deepEqual(await isolation(server.url, `/lessons/${LESSON}/`), ISOLATED);
  assert.deepEqual(await isolation(server.url, `/lessons/${LESSON}/index.html`), ISOLATED);
  assert.deepEqual(await isolation(server.url, `/lessons/${LESSON}/?runtime=docker&why=timeout`), NOT_ISOLATED);
  assert.deepEqual(await isolation(server.url, '/lessons/node-app/'), NOT_ISOLATED, 'a Docker lesson keeps its previews and embeds');
  assert.deepEqual(await isolation(server.url, '/lessons/first-container/'), NOT_ISOLATED);
  assert.deepEqual(await isolation(server.url, '/'), NOT_ISOLATED);
  const settings = RuntimeSettingsSchema.parse(await (await fetch(`${server.url}/api/runtime`)).json());
  assert.deepEqual(settings, { webcontainerLessons: 'auto', webcontainerClientId: null });
});

test('the fallback session runs the lesson image as a plain container: no engine, no added privileges, one machine', async () => {
  await server.ready;
  const session = await createSession(server.url, LESSON);
  try {
    assert.equal(session.image, 'node:22');
    assert.equal((await sessionStatus(server.url, session)).image, 'node:22');
    const container = connectDocker().getContainer(sandboxName(session.id));
    const info = await container.inspect();
    assert.equal(info.Config.Image, 'node:22');
    assert.equal(info.HostConfig.Privileged, false);
    assert.equal(info.HostConfig.CapAdd, null);
    assert.deepEqual(info.HostConfig.SecurityOpt, ['no-new-privileges']);
    // The lesson's files are the project folder, and the shell's prompt hook is in place.
    const files = await runCommand(container, ['bash', '-lc', 'ls /root; node --version; type __slipway_command_done >/dev/null && echo hooked']);
    assert.match(files.output, /app\.js[\s\S]*package\.json[\s\S]*server\.js[\s\S]*v22\.[\s\S]*hooked/);
    // Attacker: root in this sandbox is confined as in any container, not as in a DinD sandbox.
    const abuse = await runCommand(container, ['sh', '-c', 'echo x > /proc/sys/kernel/core_pattern || echo refused-proc; mount -t tmpfs none /mnt 2>/dev/null || echo refused-mount; command -v docker || echo no-docker']);
    assert.match(abuse.output, /refused-proc[\s\S]*refused-mount[\s\S]*no-docker/);
    const extraNode = await fetch(`${server.url}/api/sessions/${session.id}/nodes`, authorized(session, { method: 'POST' }));
    assert.equal(extraNode.status, 409, 'a webcontainer lesson runs on one machine');
  } finally {
    await deleteSession(server.url, session);
  }
});

test('attacker: a client cannot choose the image of its session', async () => {
  await server.ready;
  const response = await fetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lesson: 'first-container', image: 'node:22' }) });
  assert.equal(response.status, 400);
  assert.match(((await response.json()) as { error: string }).error, /image/);
});

for (const mode of ['docker', 'webcontainer'] as const) {
  let forced: TestServer;
  const instance = uniqueInstance(`webcontainer-forced-${mode}`);
  before(async () => {
    forced = await startTestServer({ SLIPWAY_INSTANCE: instance, SLIPWAY_LESSON_RUNTIME: mode, SLIPWAY_WEBCONTAINER_CLIENT_ID: 'wc_api_example' });
  });
  after(async () => {
    await forced?.close();
    await assertNoSandboxesLeft(instance);
  });

  test(`SLIPWAY_LESSON_RUNTIME=${mode} forces the runtime of webcontainer lessons`, async () => {
    const settings = RuntimeSettingsSchema.parse(await (await fetch(`${forced.url}/api/runtime`)).json());
    assert.deepEqual(settings, { webcontainerLessons: mode, webcontainerClientId: 'wc_api_example' });
    assert.deepEqual(await isolation(forced.url, `/lessons/${LESSON}/`), mode === 'docker' ? NOT_ISOLATED : ISOLATED);
    if (mode === 'webcontainer') {
      // Attacker: a browser-only lesson cannot be used to make the server start sandboxes.
      const refused = await requestSession(forced.url, LESSON);
      assert.equal(refused.status, 409);
      assert.match((refused.body as { error: string }).error, /only in the browser/);
    }
  });
}
