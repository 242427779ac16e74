// npm run bench: Slipway against the floor of the same machine, in one bounded run. Prints a table and
// writes bench/results/<date>.json. Not part of npm test.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { connectDocker, engineStatus } from '../sandbox-server/engine/docker.ts';
import { createSession, authorized, terminalUrl } from '../tests/support/api-client.ts';
import { sandboxesOf } from '../tests/support/leftovers.ts';
import { startTestServer } from '../tests/support/test-server.ts';
import { measureCheckLatency } from './measure-check.ts';
import { measureEchoDirect, measureEchoThroughServer } from './measure-echo.ts';
import { idleMemoryMiB } from './measure-memory.ts';
import { pageWeight } from './measure-page-weight.ts';
import { measureBareStart, measureSessionReady } from './measure-ready.ts';
import { measureKit } from './measure-kit.ts';
import { measurePulls } from './measure-pulls.ts';
import { round } from './stats.ts';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20);
const KEYS = Number(process.env.BENCH_KEYS ?? 500);
// The cold kit build takes minutes and replaces every kit image: BENCH_KIT_COLD=0 measures only the warm run.
const KIT_COLD = process.env.BENCH_KIT_COLD !== '0';
const INSTANCE = `bench-${process.pid}`;

export async function runBench(): Promise<void> {
  const docker = connectDocker();
  const server = await startTestServer({ SLIPWAY_INSTANCE: INSTANCE, SLIPWAY_LOG: 'warn' });
  try {
    const say = (line: string) => console.log(`bench: ${line}`);
    say(`session ready ×${SESSIONS} cold, ×${SESSIONS} from the warm pool and ×${SESSIONS} floor…`);
    const ready = await measureSessionReady(server.url, SESSIONS);
    const pooled = await startTestServer({ SLIPWAY_INSTANCE: `${INSTANCE}-pool`, SLIPWAY_LOG: 'warn', SLIPWAY_POOL_SIZE: '1' });
    const readyFromPool = await measureSessionReady(pooled.url, SESSIONS, async () => pooled.app.sessions.poolState().ready > 0).finally(() => pooled.close());
    const readyFloor = await measureBareStart(docker, server.app.config, server.app.host, SESSIONS);

    say(`keystroke echo ×${KEYS} through the websocket, and on the bare exec stream…`);
    const session = await createSession(server.url);
    const echo = await measureEchoThroughServer(terminalUrl(server.wsUrl, session), KEYS);
    const sandbox = docker.getContainer(`slipway-${session.id}`);
    const echoFloor = await measureEchoDirect(sandbox, KEYS);
    const memory = await idleMemoryMiB(sandbox);
    const checkMs = await measureCheckLatency(terminalUrl(server.wsUrl, session));
    await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));

    say(`image kit and pulls from the registry mirror…`);
    const kit = await measureKit(docker, server.app.config.SLIPWAY_NETWORK, KIT_COLD, say);
    const pulls = await measurePulls(docker, server.url);

    const site = server.app.config.SLIPWAY_SITE_DIR;
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, engine: (await engineStatus(docker)).ok ? (await docker.version()).Version : 'unknown', privilegedSandboxes: server.app.host.privileged },
      sessionReadyMs: { slipway: ready, floor: readyFloor, ratioP50: round(ready.p50 / readyFloor.p50) },
      sessionReadyFromPoolMs: readyFromPool,
      keystrokeEchoMs: { slipway: echo, floor: echoFloor, ratioP50: round(echo.p50 / echoFloor.p50) },
      stepCheckLatencyMs: checkMs,
      idleMemoryPerSessionMiB: memory,
      imageKitS: kit,
      pullFromMirrorMs: pulls.pullMs,
      composeUpMs: pulls.composeUpMs,
      pageWeight: { catalog: await pageWeight(site, 'index.html'), lesson: await pageWeight(site, 'lessons/first-container/index.html') },
    };
    printTable(results);
    await mkdir('bench/results', { recursive: true });
    const file = `bench/results/${results.date.slice(0, 19).replaceAll(':', '-')}.json`;
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results));
    say(`written to ${file}`);
  } finally {
    await server.close();
    const left = await sandboxesOf(INSTANCE);
    if (left.length > 0) throw new Error(`bench left ${left.length} sandbox(es) behind`);
  }
}

function printTable(results: {
  sessionReadyMs: { slipway: { p50: number; p95: number }; floor: { p50: number; p95: number }; ratioP50: number };
  sessionReadyFromPoolMs: { p50: number; p95: number };
  keystrokeEchoMs: { slipway: { p50: number; p99: number }; floor: { p50: number; p99: number }; ratioP50: number };
  stepCheckLatencyMs: number;
  idleMemoryPerSessionMiB: number;
  imageKitS: { coldBuildS: number | undefined; coldSeedS: number | undefined; warmS: number };
  pullFromMirrorMs: Record<string, number>;
  composeUpMs: number;
  pageWeight: { catalog: { jsGzipKB: number; cssGzipKB: number }; lesson: { jsGzipKB: number; cssGzipKB: number } };
}): void {
  const { sessionReadyMs: ready, keystrokeEchoMs: echo } = results;
  console.table({
    'session ready p50 (ms)': { slipway: ready.slipway.p50, floor: ready.floor.p50, ratio: ready.ratioP50 },
    'session ready p95 (ms)': { slipway: ready.slipway.p95, floor: ready.floor.p95, ratio: round(ready.slipway.p95 / ready.floor.p95) },
    'ready from pool p50 (ms)': { slipway: results.sessionReadyFromPoolMs.p50, floor: ready.floor.p50, ratio: round(results.sessionReadyFromPoolMs.p50 / ready.floor.p50) },
    'ready from pool p95 (ms)': { slipway: results.sessionReadyFromPoolMs.p95, floor: ready.floor.p95, ratio: round(results.sessionReadyFromPoolMs.p95 / ready.floor.p95) },
    'keystroke echo p50 (ms)': { slipway: echo.slipway.p50, floor: echo.floor.p50, ratio: echo.ratioP50 },
    'keystroke echo p99 (ms)': { slipway: echo.slipway.p99, floor: echo.floor.p99, ratio: round(echo.slipway.p99 / echo.floor.p99) },
    'step check latency (ms)': { slipway: results.stepCheckLatencyMs, floor: '', ratio: '' },
    'idle memory / session (MiB)': { slipway: results.idleMemoryPerSessionMiB, floor: '', ratio: '' },
    'lesson page JS gz (KB)': { slipway: results.pageWeight.lesson.jsGzipKB, floor: '', ratio: '' },
    'catalog page JS gz (KB)': { slipway: results.pageWeight.catalog.jsGzipKB, floor: '', ratio: '' },
    'image kit cold build (s)': { slipway: results.imageKitS.coldBuildS ?? 'skipped', floor: '', ratio: '' },
    'mirror cold seed (s)': { slipway: results.imageKitS.coldSeedS ?? 'skipped', floor: '', ratio: '' },
    'image kit warm, cache hit (s)': { slipway: results.imageKitS.warmS, floor: '', ratio: '' },
    ...Object.fromEntries(Object.entries(results.pullFromMirrorMs).map(([image, ms]) => [`pull ${image} (ms)`, { slipway: ms, floor: '', ratio: '' }])),
    'compose up -d, 2 services (ms)': { slipway: results.composeUpMs, floor: '', ratio: '' },
  });
}
