// The figures of a bench run as rows (label, unit, Slipway, floor): one list feeds both the printed table and the chart.
import type { ChartRow } from './chart-svg.ts';
import { round } from './stats.ts';

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface BenchFigures {
  sessionReadyMs: { slipway: Percentiles; floor: Percentiles };
  sessionReadyFromPoolMs: Percentiles;
  keystrokeEchoMs: { slipway: Percentiles; floor: Percentiles };
  keystrokeEchoUnderLoadMs: { busySessions: number; slipway: Percentiles; floor: Percentiles };
  stepCheckLatencyMs: number;
  idleMemoryPerSessionMiB: number;
  nodesAndPreview: { addNodeMs: number; portAnnouncedMs: number; previewMs: number };
  maxIdleSessions: { sessionsHeld: number; stoppedBy: string };
  workshopTimeToPromptMs: { learners: number; coldMs: { p50: number; p95: number }; prewarmedMs: { p50: number; p95: number } };
  imageKitS: { coldBuildS: number | undefined; coldSeedS: number | undefined; warmS: number };
  pullFromMirrorMs: Record<string, number>;
  composeUpMs: number;
  terminalThroughput: { slipway: { mbPerSecond: number; peakRssMiB: number; baselineRssMiB: number }; floor: { mbPerSecond: number } };
  pageWeight: { catalog: { jsGzipKB: number; cssGzipKB: number }; lesson: { jsGzipKB: number; cssGzipKB: number } };
}

export function reportRows(figures: BenchFigures): ChartRow[] {
  const { sessionReadyMs: ready, keystrokeEchoMs: echo, keystrokeEchoUnderLoadMs: loaded, terminalThroughput: throughput } = figures;
  return [
    { label: 'session ready, cold, p50', unit: 'ms', slipway: ready.slipway.p50, floor: ready.floor.p50 },
    { label: 'session ready, cold, p95', unit: 'ms', slipway: ready.slipway.p95, floor: ready.floor.p95 },
    { label: 'session ready, warm pool, p50', unit: 'ms', slipway: figures.sessionReadyFromPoolMs.p50, floor: ready.floor.p50 },
    { label: 'session ready, warm pool, p95', unit: 'ms', slipway: figures.sessionReadyFromPoolMs.p95, floor: ready.floor.p95 },
    { label: 'keystroke echo p50', unit: 'ms', slipway: echo.slipway.p50, floor: echo.floor.p50 },
    { label: 'keystroke echo p99', unit: 'ms', slipway: echo.slipway.p99, floor: echo.floor.p99 },
    { label: `echo p50, ${loaded.busySessions} busy sessions`, unit: 'ms', slipway: loaded.slipway.p50, floor: loaded.floor.p50 },
    { label: `echo p99, ${loaded.busySessions} busy sessions`, unit: 'ms', slipway: loaded.slipway.p99, floor: loaded.floor.p99 },
    { label: 'terminal throughput (yes)', unit: 'MB/s', slipway: throughput.slipway.mbPerSecond, floor: throughput.floor.mbPerSecond },
    { label: 'server memory growth during it', unit: 'MiB', slipway: round(throughput.slipway.peakRssMiB - throughput.slipway.baselineRssMiB, 1) },
    { label: 'step check latency', unit: 'ms', slipway: figures.stepCheckLatencyMs },
    { label: 'idle memory per session', unit: 'MiB', slipway: figures.idleMemoryPerSessionMiB },
    { label: 'add a node (floor: bare sandbox start)', unit: 'ms', slipway: figures.nodesAndPreview.addNodeMs, floor: ready.floor.p50 },
    { label: 'published port to ports message', unit: 'ms', slipway: figures.nodesAndPreview.portAnnouncedMs },
    { label: 'preview request round trip', unit: 'ms', slipway: figures.nodesAndPreview.previewMs },
    { label: `idle sessions held (${figures.maxIdleSessions.stoppedBy})`, unit: 'sessions', slipway: figures.maxIdleSessions.sessionsHeld },
    { label: `workshop, ${figures.workshopTimeToPromptMs.learners} learners at once, pre-warmed, p50`, unit: 'ms', slipway: figures.workshopTimeToPromptMs.prewarmedMs.p50 },
    { label: `workshop, ${figures.workshopTimeToPromptMs.learners} learners at once, pre-warmed, p95`, unit: 'ms', slipway: figures.workshopTimeToPromptMs.prewarmedMs.p95 },
    { label: `workshop, ${figures.workshopTimeToPromptMs.learners} learners at once, cold, p50`, unit: 'ms', slipway: figures.workshopTimeToPromptMs.coldMs.p50 },
    { label: `workshop, ${figures.workshopTimeToPromptMs.learners} learners at once, cold, p95`, unit: 'ms', slipway: figures.workshopTimeToPromptMs.coldMs.p95 },
    ...(figures.imageKitS.coldBuildS === undefined ? [] : [{ label: 'image kit, cold build', unit: 's', slipway: figures.imageKitS.coldBuildS }]),
    ...(figures.imageKitS.coldSeedS === undefined ? [] : [{ label: 'registry mirror, cold seed', unit: 's', slipway: figures.imageKitS.coldSeedS }]),
    { label: 'image kit + mirror, warm (cache hit)', unit: 's', slipway: figures.imageKitS.warmS },
    ...Object.entries(figures.pullFromMirrorMs).map(([image, ms]) => ({ label: `pull ${image} in a session`, unit: 'ms', slipway: ms })),
    { label: 'docker compose up -d, 2 services', unit: 'ms', slipway: figures.composeUpMs },
    { label: 'lesson page JS gz', unit: 'KB', slipway: figures.pageWeight.lesson.jsGzipKB },
    { label: 'lesson page CSS gz', unit: 'KB', slipway: figures.pageWeight.lesson.cssGzipKB },
    { label: 'catalog page JS gz', unit: 'KB', slipway: figures.pageWeight.catalog.jsGzipKB },
    { label: 'catalog page CSS gz', unit: 'KB', slipway: figures.pageWeight.catalog.cssGzipKB },
  ];
}

export function printRows(rows: ChartRow[]): void {
  console.table(
    Object.fromEntries(
      rows.map((row) => [`${row.label} (${row.unit})`, { slipway: row.slipway, floor: row.floor ?? '', ratio: row.floor ? round(row.slipway / row.floor) : '' }]),
    ),
  );
}
