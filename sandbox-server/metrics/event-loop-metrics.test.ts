import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventLoopMetrics } from './event-loop-metrics.ts';

const value = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

test('a blocked event loop shows in the next scrape only, and in the worst since start for good', async () => {
  const metrics = new EventLoopMetrics();
  await sleep(50);
  const blockedUntil = performance.now() + 200;
  while (performance.now() < blockedUntil); // what a synchronous stall looks like to the server
  await sleep(50);
  const first = metrics.render();
  assert.ok(value(first, 'slipway_event_loop_delay_max_seconds') >= 0.15, first);
  await sleep(50);
  const second = metrics.render();
  assert.ok(value(second, 'slipway_event_loop_delay_max_seconds') < 0.15, second);
  assert.ok(value(second, 'slipway_event_loop_delay_worst_seconds') >= 0.15, second);
});
