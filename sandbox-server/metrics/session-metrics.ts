// GET /metrics for sessions: counters and the start-time histogram follow the session events; gauges are
// read from the manager's state when scraped.
import type { SessionEvents } from '../sessions/session-events.ts';
import { Histogram, renderMetrics } from './metrics.ts';

export interface SessionGauges {
  active: number;
  starting: number;
  queued: number;
  poolReady: number;
  poolWarming: number;
  capacity: number;
}

export class SessionMetrics {
  private readonly createSeconds = new Histogram();
  private createFailures = 0;

  constructor(events: SessionEvents) {
    events.on('started', ({ readyMs }) => this.createSeconds.observe(readyMs / 1000));
    events.on('start-failed', () => (this.createFailures += 1));
  }

  render(gauges: SessionGauges): string {
    return renderMetrics(
      [
        { name: 'slipway_sessions_active', help: 'Sessions running now.', type: 'gauge', value: gauges.active },
        { name: 'slipway_sessions_starting', help: 'Sessions whose sandbox is starting.', type: 'gauge', value: gauges.starting },
        { name: 'slipway_sessions_queued', help: 'Sessions waiting for capacity.', type: 'gauge', value: gauges.queued },
        { name: 'slipway_pool_ready', help: 'Warm sandboxes ready for the next session.', type: 'gauge', value: gauges.poolReady },
        { name: 'slipway_pool_warming', help: 'Warm sandboxes being started.', type: 'gauge', value: gauges.poolWarming },
        { name: 'slipway_capacity', help: 'Sandboxes this server may run at once (SLIPWAY_MAX_SESSIONS).', type: 'gauge', value: gauges.capacity },
        { name: 'slipway_session_create_failures_total', help: 'Sessions that failed to start.', type: 'counter', value: this.createFailures },
      ],
      [this.createSeconds.render('slipway_session_create_seconds', 'Time from request to a ready sandbox.')],
    );
  }
}
