import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartSvg } from './chart-svg.ts';
import { printRows, reportRows, type BenchFigures } from './report-rows.ts';

const FIGURES: (keyof BenchFigures)[] = ['sessionReadyMs', 'sessionReadyFromPoolMs', 'sessionReadyFloorMs', 'keystrokeEchoMs', 'keystrokeEchoUnderLoadMs', 'stepCheckLatencyMs', 'idleMemoryPerSessionMiB', 'nodesAndPreview', 'maxIdleSessions', 'workshopTimeToPromptMs', 'imageKitS', 'pullsFromMirror', 'terminalThroughput', 'pageWeight'];

test('the chart draws each figure with its floor and ratio, and escapes labels', () => {
  const svg = chartSvg('Bench <run>', 'machine & engine', [
    { label: 'echo p50', unit: 'ms', slipway: 0.6, floor: 0.3 },
    { label: 'idle <memory>', unit: 'MiB', slipway: 37 },
  ]);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 760 \d+"/);
  assert.match(svg, /echo p50 \(×2\.00\)/);
  assert.equal((svg.match(/<rect x="250" y="\d+" width="[\d.]+" height="13" fill="#9ca3af">/g) ?? []).length, 1, 'one floor bar: the second row has no floor');
  assert.match(svg, /Bench &lt;run&gt;/);
  assert.match(svg, /machine &amp; engine/);
  assert.match(svg, /idle &lt;memory&gt;/);
  assert.doesNotMatch(svg, /<memory>|<run>/);
});

test('the longer bar of a row spans the track, the shorter one is proportional', () => {
  const svg = chartSvg('t', 's', [{ label: 'ready', unit: 'ms', slipway: 50, floor: 100 }]);
  const widths = [...svg.matchAll(/<rect x="250" y="\d+" width="([\d.]+)" height="13"/g)].map((match) => Number(match[1]));
  assert.deepEqual(widths, [210, 420]);
});

test('the printed table shows ratios only where a floor exists', (t) => {
  const tables: unknown[] = [];
  t.mock.method(console, 'table', (data: unknown) => tables.push(data));
  printRows([
    { label: 'echo', unit: 'ms', slipway: 1, floor: 0.5 },
    { label: 'memory', unit: 'MiB', slipway: 37 },
  ]);
  assert.deepEqual(tables[0], { 'echo (ms)': { slipway: 1, floor: 0.5, ratio: 2 }, 'memory (MiB)': { slipway: 37, floor: '', ratio: '' } });
});

test('a measurement that did not finish is one row saying so, in the chart and the table', (t) => {
  const rows = reportRows(Object.fromEntries(FIGURES.map((key) => [key, { didNotFinish: 'no result after 600 s' }])) as unknown as BenchFigures);
  assert.equal(rows.length, FIGURES.length, 'one row per measurement');
  const throughput = rows.find((row) => row.label === 'terminal throughput (yes)');
  assert.deepEqual(throughput, { label: 'terminal throughput (yes)', didNotFinish: 'no result after 600 s' });
  assert.match(chartSvg('t', 's', rows), /terminal throughput \(yes\)<\/text><text [^>]*>did not finish: no result after 600 s</);
  const tables: Record<string, { slipway: unknown }>[] = [];
  t.mock.method(console, 'table', (data: Record<string, { slipway: unknown }>) => tables.push(data));
  printRows(rows);
  assert.equal(tables[0]?.['terminal throughput (yes)']?.slipway, 'did not finish: no result after 600 s');
});
