// The figures of a bench run as rows (label, unit, Slipway, floor): one list feeds both the printed table and the
// chart. A measurement that did not finish is one row saying so, with the reason.
import type { ChartRow } from './chart-svg.ts';
import { finished, type Measured } from './deadline.ts';
import { round } from './stats.ts';

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface BenchFigures {
  sessionReadyMs: Measured<Percentiles>;
  sessionReadyFromPoolMs: Measured<Percentiles>;
  sessionReadyFloorMs: Measured<Percentiles>;
  keystrokeEchoMs: Measured<{ slipway: Percentiles; floor: Percentiles }>;
  keystrokeEchoUnderLoadMs: Measured<{ busySessions: number; slipway: Percentiles; floor: Percentiles }>;
  stepCheckLatencyMs: Measured<number>;
  idleMemoryPerSessionMiB: Measured<number>;
  nodesAndPreview: Measured<{ addNodeMs: number; portAnnouncedMs: number; previewMs: number }>;
  maxIdleSessions: Measured<{ sessionsHeld: number; stoppedBy: string }>;
  workshopTimeToPromptMs: Measured<{ learners: number; coldMs: { p50: number; p95: number }; prewarmedMs: { p50: number; p95: number } }>;
  imageKitS: Measured<{ coldBuildS: number | undefined; coldSeedS: number | undefined; warmS: number }>;
  pullsFromMirror: Measured<{ pullMs: Record<string, number>; composeUpMs: number }>;
  terminalThroughput: Measured<{ slipway: { mbPerSecond: number; peakRssMiB: number; baselineRssMiB: number }; floor: { mbPerSecond: number } }>;
  pageWeight: Measured<{ catalog: { jsGzipKB: number; cssGzipKB: number }; lesson: { jsGzipKB: number; cssGzipKB: number } }>;
}

/** The rows of one measurement, or one "did not finish" row named `label`. */
const rowsOf = <T>(label: string, figure: Measured<T>, rows: (value: T) => ChartRow[]): ChartRow[] => (finished(figure) ? rows(figure) : [{ label, didNotFinish: figure.didNotFinish }]);

export function reportRows(figures: BenchFigures): ChartRow[] {
  const floor = finished(figures.sessionReadyFloorMs) ? figures.sessionReadyFloorMs : undefined;
  return [
    ...rowsOf('session ready, cold', figures.sessionReadyMs, (ready) => [
      { label: 'session ready, cold, p50', unit: 'ms', slipway: ready.p50, floor: floor?.p50 },
      { label: 'session ready, cold, p95', unit: 'ms', slipway: ready.p95, floor: floor?.p95 },
    ]),
    ...rowsOf('session ready, warm pool', figures.sessionReadyFromPoolMs, (ready) => [
      { label: 'session ready, warm pool, p50', unit: 'ms', slipway: ready.p50, floor: floor?.p50 },
      { label: 'session ready, warm pool, p95', unit: 'ms', slipway: ready.p95, floor: floor?.p95 },
    ]),
    ...rowsOf('session ready floor (bare sandbox start)', figures.sessionReadyFloorMs, () => []),
    ...rowsOf('keystroke echo', figures.keystrokeEchoMs, (echo) => [
      { label: 'keystroke echo p50', unit: 'ms', slipway: echo.slipway.p50, floor: echo.floor.p50 },
      { label: 'keystroke echo p99', unit: 'ms', slipway: echo.slipway.p99, floor: echo.floor.p99 },
    ]),
    ...rowsOf('echo, busy sessions', figures.keystrokeEchoUnderLoadMs, (loaded) => [
      { label: `echo p50, ${loaded.busySessions} busy sessions`, unit: 'ms', slipway: loaded.slipway.p50, floor: loaded.floor.p50 },
      { label: `echo p99, ${loaded.busySessions} busy sessions`, unit: 'ms', slipway: loaded.slipway.p99, floor: loaded.floor.p99 },
    ]),
    ...rowsOf('terminal throughput (yes)', figures.terminalThroughput, (throughput) => [
      { label: 'terminal throughput (yes)', unit: 'MB/s', slipway: throughput.slipway.mbPerSecond, floor: throughput.floor.mbPerSecond },
      { label: 'server memory growth during it', unit: 'MiB', slipway: round(throughput.slipway.peakRssMiB - throughput.slipway.baselineRssMiB, 1) },
    ]),
    ...rowsOf('step check latency', figures.stepCheckLatencyMs, (ms) => [{ label: 'step check latency', unit: 'ms', slipway: ms }]),
    ...rowsOf('idle memory per session', figures.idleMemoryPerSessionMiB, (mib) => [{ label: 'idle memory per session', unit: 'MiB', slipway: mib }]),
    ...rowsOf('nodes and preview', figures.nodesAndPreview, (nodes) => [
      { label: 'add a node (floor: bare sandbox start)', unit: 'ms', slipway: nodes.addNodeMs, floor: floor?.p50 },
      { label: 'published port to ports message', unit: 'ms', slipway: nodes.portAnnouncedMs },
      { label: 'preview request round trip', unit: 'ms', slipway: nodes.previewMs },
    ]),
    ...rowsOf('idle sessions held', figures.maxIdleSessions, (held) => [{ label: `idle sessions held (${held.stoppedBy})`, unit: 'sessions', slipway: held.sessionsHeld }]),
    ...rowsOf('workshop, learners at once', figures.workshopTimeToPromptMs, (workshop) => [
      { label: `workshop, ${workshop.learners} learners at once, pre-warmed, p50`, unit: 'ms', slipway: workshop.prewarmedMs.p50 },
      { label: `workshop, ${workshop.learners} learners at once, pre-warmed, p95`, unit: 'ms', slipway: workshop.prewarmedMs.p95 },
      { label: `workshop, ${workshop.learners} learners at once, cold, p50`, unit: 'ms', slipway: workshop.coldMs.p50 },
      { label: `workshop, ${workshop.learners} learners at once, cold, p95`, unit: 'ms', slipway: workshop.coldMs.p95 },
    ]),
    ...rowsOf('image kit', figures.imageKitS, (kit) => [
      ...(kit.coldBuildS === undefined ? [] : [{ label: 'image kit, cold build', unit: 's', slipway: kit.coldBuildS }]),
      ...(kit.coldSeedS === undefined ? [] : [{ label: 'registry mirror, cold seed', unit: 's', slipway: kit.coldSeedS }]),
      { label: 'image kit + mirror, warm (cache hit)', unit: 's', slipway: kit.warmS },
    ]),
    ...rowsOf('pulls from the mirror and compose up', figures.pullsFromMirror, (pulls) => [
      ...Object.entries(pulls.pullMs).map(([image, ms]) => ({ label: `pull ${image} in a session`, unit: 'ms', slipway: ms })),
      { label: 'docker compose up -d, 2 services', unit: 'ms', slipway: pulls.composeUpMs },
    ]),
    ...rowsOf('page weight', figures.pageWeight, (weight) => [
      { label: 'lesson page JS gz', unit: 'KB', slipway: weight.lesson.jsGzipKB },
      { label: 'lesson page CSS gz', unit: 'KB', slipway: weight.lesson.cssGzipKB },
      { label: 'catalog page JS gz', unit: 'KB', slipway: weight.catalog.jsGzipKB },
      { label: 'catalog page CSS gz', unit: 'KB', slipway: weight.catalog.cssGzipKB },
    ]),
  ];
}

export function printRows(rows: ChartRow[]): void {
  console.table(
    Object.fromEntries(
      rows.map((row) =>
        'didNotFinish' in row
          ? [row.label, { slipway: `did not finish: ${row.didNotFinish}`, floor: '', ratio: '' }]
          : [`${row.label} (${row.unit})`, { slipway: row.slipway, floor: row.floor ?? '', ratio: row.floor ? round(row.slipway / row.floor) : '' }],
      ),
    ),
  );
}
