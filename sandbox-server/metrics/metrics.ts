// Prometheus text exposition for GET /metrics: gauges read on demand, and a histogram of session start times.
const CREATE_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

export class Histogram {
  private readonly counts = CREATE_BUCKETS.map(() => 0);
  private sum = 0;
  private total = 0;

  observe(seconds: number): void {
    CREATE_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) this.counts[index] = (this.counts[index] ?? 0) + 1;
    });
    this.sum += seconds;
    this.total += 1;
  }

  render(name: string, help: string): string[] {
    return [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} histogram`,
      ...CREATE_BUCKETS.map((bound, index) => `${name}_bucket{le="${bound}"} ${this.counts[index] ?? 0}`),
      `${name}_bucket{le="+Inf"} ${this.total}`,
      `${name}_sum ${this.sum}`,
      `${name}_count ${this.total}`,
    ];
  }
}

export interface Gauge {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: number;
}

export function renderMetrics(gauges: Gauge[], histograms: string[][]): string {
  const lines = gauges.flatMap(({ name, help, type, value }) => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`]);
  return `${[...lines, ...histograms.flat()].join('\n')}\n`;
}
