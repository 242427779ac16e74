// A fresh session with no internet pulls every kit image from the registry mirror (with layer download
// output) and runs it; Compose v2 brings a two-service app up and down; the mirror refuses pushes.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { createSession } from '../support/api-client.ts';
import { COMPOSE_PORT, curlUntilUp, writeComposeApp } from '../support/compose-app.ts';
import { serverForThisFile } from '../support/test-server.ts';
import type { SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { runCommand } from '../../sandbox-server/engine/run-command.ts';
import { MIRROR_CONTAINER } from '../../sandbox-server/mirror/mirror-names.ts';

const server = serverForThisFile('registry-mirror');
let session: SessionInfo;
let sandbox: Docker.Container;

before(async () => {
  await server.ready;
  assert.ok(server.app.host.registryMirror, 'the test server found the kit\'s registry mirror (npm run images)');
  session = await createSession(server.url);
  sandbox = connectDocker().getContainer(`slipway-${session.id}`);
});

/** Runs a shell command in the session's sandbox (as the learner's terminal would) and returns its output. */
async function sh(script: string, expectedExit = 0): Promise<string> {
  const { exitCode, output } = await runCommand(sandbox, ['sh', '-c', script]);
  assert.equal(exitCode, expectedExit, `\`${script}\` exited ${exitCode}:\n${output}`);
  return output;
}

test('the session engine pulls through the mirror and has no image before its first pull', async () => {
  const info = await sh('docker info --format "{{json .RegistryConfig.Mirrors}}"; docker images -q | wc -l');
  assert.ok(info.includes(server.app.host.registryMirror ?? '?'), info);
  assert.match(info, /^0$/m, 'no image is loaded at session start');
});

test('docker pull busybox shows the layer download and the image runs', async () => {
  const pulled = await sh('docker pull busybox');
  assert.match(pulled, /Pull complete/);
  assert.match(pulled, /Downloaded newer image for busybox:latest/);
  assert.match(await sh('docker run --rm busybox echo from-the-mirror'), /^from-the-mirror$/m);
});

test("busybox is the official image's 1.37 with the options lessons use: wget -T gives up on a server that never answers", async () => {
  // A server that accepts and stays silent: without -T (bookworm's 1.35) wget prints its usage instead.
  const listening = 'until netstat -ltn | grep -q ":8000 "; do sleep 0.1; done';
  const output = await sh(`docker run --rm busybox sh -c 'busybox | head -1; (sleep 8 | nc -l -p 8000 >/dev/null) & ${listening}; wget -T 1 -qO- http://127.0.0.1:8000; echo "exit=$?"' 2>&1`);
  assert.match(output, /^BusyBox v1\.(3[7-9]|[4-9]\d)\./m, output);
  assert.match(output, /download timed out/, output);
  assert.match(output, /^exit=1$/m, output);
  assert.doesNotMatch(output, /Usage:/, output);
});

test('nginx serves its welcome page', async () => {
  await sh('docker pull nginx && docker run -d --name web -p 8080:80 nginx');
  const page = await sh(curlUntilUp('localhost:8080'));
  assert.match(page, /Welcome to nginx!/);
});

test('redis answers PING from another container (protected mode off, as the official image), under redis and redis:7', async () => {
  await sh('docker pull redis && docker pull redis:7 && docker network create lab && docker run -d --name cache --network lab redis');
  const pong = await sh('for i in $(seq 50); do docker run --rm --network lab redis:7 redis-cli -h cache ping 2>/dev/null | grep PONG && exit 0; sleep 0.2; done; exit 1');
  assert.match(pong, /^PONG$/m);
  assert.equal(new Set((await sh('docker image inspect -f "{{.Id}}" redis redis:7')).trim().split('\n')).size, 1, 'one image, two names');
});

test('node:22 runs node and npm', async () => {
  await sh('docker pull node:22');
  assert.match(await sh('docker run --rm node:22 node -e "console.log(\'node \' + process.version)"'), /^node v22\.\d+\.\d+$/m);
  assert.match(await sh('docker run --rm node:22 npm --version'), /^\d+\.\d+\.\d+$/m);
});

test('slipway/whoami answers with its hostname; slipway/crashy prints a line and exits 1', async () => {
  await sh('docker run -d --name who --hostname replica-1 -p 8081:80 slipway/whoami');
  assert.match(await sh(curlUntilUp('localhost:8081')), /^Hostname: replica-1$/m);
  const crash = await sh('docker run --name crash slipway/crashy; echo "exit=$?"');
  assert.match(crash, /^crashy: started/m);
  assert.match(crash, /^exit=1$/m);
});

test('the engine is Docker 26 or newer, and docker build is BuildKit: FROM a kit image through the mirror, RUN --mount=type=cache', async () => {
  assert.match(await sh('docker version --format "{{.Server.Version}}"'), /^(2[6-9]|[3-9]\d)\./m);
  assert.match(await sh('docker buildx version'), /buildx v?0\.\d+/);
  await sh([
    'mkdir -p /root/bk && cd /root/bk && cat > Dockerfile <<"EOF"',
    'FROM slipway/whoami',
    'ARG ROUND=1',
    'RUN --mount=type=cache,target=/cache sh -c "echo run >> /cache/runs; wc -l < /cache/runs > /runs"',
    'CMD ["cat", "/runs"]',
    'EOF',
  ].join('\n'));
  // --pull makes BuildKit resolve the base in the registry (the mirror), even if the engine already had it.
  const built = await sh('cd /root/bk && docker build --pull --progress=plain -t bk . 2>&1');
  assert.match(built, /load metadata for docker\.io\/slipway\/whoami/, built);
  assert.match(await sh('docker run --rm bk'), /^\s*1$/m);
  // A changed build argument re-runs the RUN step; its cache mount still holds the first run's file.
  await sh('cd /root/bk && docker build -q --build-arg ROUND=2 -t bk .');
  assert.match(await sh('docker run --rm bk'), /^\s*2$/m);
});

test('docker compose up -d runs a two-service app (nginx proxying to slipway/whoami), ps lists it, down removes it', async () => {
  await sh(writeComposeApp('/root/app'));
  await sh('cd /root/app && docker compose up -d');
  const ps = await sh('cd /root/app && docker compose ps --format "{{.Service}} {{.State}}"');
  assert.match(ps, /^web running$/m);
  assert.match(ps, /^proxy running$/m);
  assert.match(await sh(curlUntilUp(`localhost:${COMPOSE_PORT}`)), /^Hostname: backend$/m);
  await sh('cd /root/app && docker compose down');
  assert.equal((await sh('docker ps -aq --filter label=com.docker.compose.project=app')).trim(), '');
});

test('a session cannot push to the mirror', async () => {
  const mirror = new URL(server.app.host.registryMirror ?? '');
  const push = await sh(`docker tag busybox ${mirror.host}/library/busybox:evil && docker push ${mirror.host}/library/busybox:evil; echo "push-exit=$?"`);
  assert.match(push, /^push-exit=1$/m, push);
  assert.match(push, /read-only mode|unsupported|denied|405|method not allowed/i, push);
  const upload = await sh(`curl -s -o /dev/null -w "%{http_code}" -X POST ${mirror.origin}/v2/library/busybox/blobs/uploads/`);
  assert.notEqual(upload, '202', 'a blob upload is not accepted');
  assert.match(await sh(`docker rmi ${mirror.host}/library/busybox:evil >/dev/null; docker pull ${mirror.host}/library/busybox:evil; echo "pull-exit=$?"`), /^pull-exit=1$/m);
});

test("the mirror is reachable only through the gateway port, not at its own address on the sandbox network", async () => {
  const mirror = await connectDocker().getContainer(MIRROR_CONTAINER).inspect();
  const address = mirror.NetworkSettings.Networks[server.app.config.SLIPWAY_NETWORK]?.IPAddress;
  assert.ok(address, 'the mirror sits on the sandbox network');
  const direct = await sh(`curl -s -m 3 -o /dev/null -w "code=%{http_code}" http://${address}:5000/v2/; echo " exit=$?"`);
  assert.match(direct, /code=000 exit=28/, 'inter-container traffic is off: the connection times out');
  assert.match(await sh(`curl -s -o /dev/null -w "code=%{http_code}" ${server.app.host.registryMirror}/v2/`), /code=200/);
});
