// How late the server's event loop runs, for GET /metrics: one stalled tick delays every learner's terminal and
// every request at once, so it is the first figure to watch when learners say "it froze".
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderMetrics } from './metrics.ts';

export class EventLoopMetrics {
  private readonly delay = monitorEventLoopDelay({ resolution: 10 });
  private worstSeconds = 0;

  constructor() {
    this.delay.enable();
  }

  /** The figures since the previous scrape (then they start again), and the worst since the server started. */
  render(): string {
    const maxSeconds = this.delay.count > 0 ? this.delay.max / 1e9 : 0;
    const p99Seconds = this.delay.count > 0 ? this.delay.percentile(99) / 1e9 : 0;
    this.worstSeconds = Math.max(this.worstSeconds, maxSeconds);
    this.delay.reset();
    return renderMetrics(
      [
        { name: 'slipway_event_loop_delay_max_seconds', help: 'Longest event-loop delay since the previous scrape.', type: 'gauge', value: maxSeconds },
        { name: 'slipway_event_loop_delay_p99_seconds', help: '99th percentile of event-loop delay since the previous scrape.', type: 'gauge', value: p99Seconds },
        { name: 'slipway_event_loop_delay_worst_seconds', help: 'Longest event-loop delay since the server started.', type: 'gauge', value: this.worstSeconds },
      ],
      [],
    );
  }
}
