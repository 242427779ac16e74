// npm run bench: Slipway against the floor of the same machine, in one bounded run. Prints a table and
// writes bench/results/<date>.json and .svg. Not part of npm test.
import { mkdir, writeFile } from 'node:fs/promises';
import { connectDocker, connectEngines } from '../sandbox-server/engine/docker.ts';
import { createSession, authorized, terminalUrl } from '../tests/support/api-client.ts';
import { sandboxesOf } from '../tests/support/leftovers.ts';
import { startTestServer } from '../tests/support/test-server.ts';
import { startBusySessions } from './busy-sessions.ts';
import { chartSvg } from './chart-svg.ts';
import { machineInfo } from './machine-info.ts';
import { measureCapacity } from './measure-capacity.ts';
import { measureCheckLatency } from './measure-check.ts';
import { measureEchoDirect, measureEchoThroughServer } from './measure-echo.ts';
import { idleMemoryMiB } from './measure-memory.ts';
import { pageWeight } from './measure-page-weight.ts';
import { measureNodes } from './measure-nodes.ts';
import { measureBareStart, measureSessionReady } from './measure-ready.ts';
import { measureKit } from './measure-kit.ts';
import { measurePulls } from './measure-pulls.ts';
import { measureWorkshopStart } from './measure-workshop.ts';
import { measureThroughputDirect, measureThroughputThroughServer } from './measure-throughput.ts';
import { printRows, reportRows, type BenchFigures } from './report-rows.ts';
import { withDeadline } from './deadline.ts';
import { round } from './stats.ts';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SESSIONS = setting('BENCH_SESSIONS', 20);
const KEYS = setting('BENCH_KEYS', 500);
const BUSY = setting('BENCH_BUSY_SESSIONS', 2);
const CAPACITY_CAP = setting('BENCH_CAPACITY_CAP', 30);
const ECHO_P99_LIMIT_MS = setting('BENCH_ECHO_P99_LIMIT_MS', 50);
const WORKSHOP_LEARNERS = setting('BENCH_WORKSHOP_LEARNERS', 30);
const THROUGHPUT_BYTES = setting('BENCH_THROUGHPUT_MB', 100) * 1e6;
// The cold kit build takes minutes and replaces every kit image: BENCH_KIT_COLD=0 measures only the warm run.
const KIT_COLD = process.env.BENCH_KIT_COLD !== '0';
const INSTANCE = `bench-${process.pid}`;
const say = (line: string) => console.log(`bench: ${line}`);

/** Seconds each measurement may take before its rows say "did not finish"; BENCH_DEADLINE_SCALE stretches them all. */
const SCALE = setting('BENCH_DEADLINE_SCALE', 1);
const DEADLINE_S = { ready: 900, echo: 300, check: 120, memory: 60, nodes: 300, throughput: 600, capacity: 1200, workshop: 1200, kit: 2400, pulls: 600, pageWeight: 60 };
const within = <T>(what: string, budget: keyof typeof DEADLINE_S, measure: (signal: AbortSignal) => Promise<T>) => withDeadline(what, DEADLINE_S[budget] * SCALE, say, measure);

export async function runBench(): Promise<void> {
  const docker = connectDocker();
  // Every measurement comes from this one address: the per-client node limit would stop the capacity row at 8.
  const server = await startTestServer({ SLIPWAY_INSTANCE: INSTANCE, SLIPWAY_LOG: 'warn', SLIPWAY_MAX_SESSIONS: String(Math.max(20, CAPACITY_CAP + 1)), SLIPWAY_NODES_PER_CLIENT: String(CAPACITY_CAP + 10) });
  try {
    say(`session ready ×${SESSIONS} cold, ×${SESSIONS} from the warm pool and ×${SESSIONS} floor…`);
    const ready = await within('session ready, cold', 'ready', (signal) => measureSessionReady(server.url, SESSIONS, undefined, signal));
    const readyFromPool = await within('session ready, warm pool', 'ready', async (signal) => {
      const pooled = await startTestServer({ SLIPWAY_INSTANCE: `${INSTANCE}-pool`, SLIPWAY_LOG: 'warn', SLIPWAY_POOL_SIZE: '1' });
      try {
        return await measureSessionReady(pooled.url, SESSIONS, async () => pooled.app.sessions.poolState().ready > 0, signal);
      } finally {
        await pooled.close();
      }
    });
    const readyFloor = await within('session ready floor', 'ready', (signal) => measureBareStart(docker, server.app.config, server.app.host, SESSIONS, signal));

    say(`keystroke echo ×${KEYS} through the websocket, and on the bare exec stream…`);
    const session = await createSession(server.url);
    const sandbox = docker.getContainer(`slipway-${session.id}`);
    const echo = await within('keystroke echo', 'echo', async (signal) => ({ slipway: await measureEchoThroughServer(terminalUrl(server.wsUrl, session), KEYS, signal), floor: await measureEchoDirect(sandbox, KEYS, signal) }));
    const memory = await within('idle memory', 'memory', () => idleMemoryMiB(sandbox));
    const checkMs = await within('step check latency', 'check', () => measureCheckLatency(terminalUrl(server.wsUrl, session)));
    say('adding a node, a published port reaching the ports message, a preview request…');
    const nodes = await within('nodes and preview', 'nodes', () => measureNodes(server.url, server.wsUrl, server.previewUrl, session));

    say(`keystroke echo again while ${BUSY} other sessions spin a busy loop…`);
    const echoUnderLoad = await within('echo, busy sessions', 'echo', async (signal) => {
      const busy = await startBusySessions(server.url, server.wsUrl, BUSY);
      try {
        return { busySessions: BUSY, slipway: await measureEchoThroughServer(terminalUrl(server.wsUrl, session), KEYS, signal), floor: await measureEchoDirect(sandbox, KEYS, signal) };
      } finally {
        await busy.release();
      }
    });

    say(`terminal throughput: ${THROUGHPUT_BYTES / 1e6} MB of \`yes\` through the websocket and on the bare exec stream…`);
    const throughput = await within('terminal throughput', 'throughput', async (signal) => ({
      slipway: await measureThroughputThroughServer(terminalUrl(server.wsUrl, session), THROUGHPUT_BYTES, signal),
      floor: await measureThroughputDirect(sandbox, THROUGHPUT_BYTES, signal),
    }));
    await fetch(`${server.url}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));

    say(`idle sessions: creating up to ${CAPACITY_CAP}, probing echo every 5, stopping when p99 > ${ECHO_P99_LIMIT_MS} ms or a create fails…`);
    const capacity = await within('idle sessions held', 'capacity', () => measureCapacity(server.url, server.wsUrl, { cap: CAPACITY_CAP, probeEvery: 5, echoP99LimitMs: ECHO_P99_LIMIT_MS }));

    say(`${WORKSHOP_LEARNERS} learners of one workshop press Start together, cold and pre-warmed…`);
    const workshop = await within('workshop start', 'workshop', () => measureWorkshopStart(`${INSTANCE}-workshop`, WORKSHOP_LEARNERS));

    say(`image kit and pulls from the registry mirror…`);
    const kit = await within('image kit', 'kit', () => measureKit(connectEngines(), server.app.config.SLIPWAY_NETWORK, KIT_COLD, say));
    const pulls = await within('pulls from the mirror', 'pulls', () => measurePulls(docker, server.url));

    const site = server.app.config.SLIPWAY_SITE_DIR;
    const figures: BenchFigures = {
      sessionReadyMs: ready,
      sessionReadyFromPoolMs: readyFromPool,
      sessionReadyFloorMs: readyFloor,
      keystrokeEchoMs: echo,
      keystrokeEchoUnderLoadMs: echoUnderLoad,
      stepCheckLatencyMs: checkMs,
      idleMemoryPerSessionMiB: memory,
      nodesAndPreview: nodes,
      maxIdleSessions: capacity,
      terminalThroughput: throughput,
      workshopTimeToPromptMs: workshop,
      imageKitS: kit,
      pullsFromMirror: pulls,
      pageWeight: await within('page weight', 'pageWeight', async () => ({ catalog: await pageWeight(site, 'index.html'), lesson: await pageWeight(site, 'lessons/first-container/index.html') })),
    };
    const rows = reportRows(figures);
    const machine = await machineInfo(docker, server.app.host.privileged);
    const results = { date: new Date().toISOString(), machine, ...figures, rows: rows.map((row) => ('didNotFinish' in row ? row : { ...row, ratio: row.floor ? round(row.slipway / row.floor) : undefined })) };
    printRows(rows);
    await mkdir('bench/results', { recursive: true });
    const stem = `bench/results/${results.date.slice(0, 19).replaceAll(':', '-')}`;
    await writeFile(`${stem}.json`, `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(`${stem}.svg`, chartSvg('Slipway bench', `${results.date.slice(0, 16)} · ${machine.cpus} CPU ${machine.cpuModel ?? ''} · ${machine.memoryGiB} GiB · engine ${machine.engine} · cgroup ${machine.cgroup}`, rows));
    console.log(JSON.stringify(results));
    say(`written to ${stem}.json and ${stem}.svg`);
  } finally {
    await server.close();
    const left = await sandboxesOf(INSTANCE);
    if (left.length > 0) throw new Error(`bench left ${left.length} sandbox(es) behind`);
  }
}
