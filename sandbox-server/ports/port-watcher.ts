// Follows the ports one node publishes. One long-lived exec per node runs `docker events` filtered to
// container start/die and lists the published ports after each event (and once at start), so a port shows
// up the moment its container starts and goes when it stops, at no cost while nothing happens (polling
// every node every few seconds would spend a docker CLI start per node and tick, and still lag). The engine
// reports `die` a moment before `docker ps` stops listing the container, so each event is listed twice: at
// once and a second later.
import type Docker from 'dockerode';
import { runCommand } from '../engine/run-command.ts';
import { errorMessage, log } from '../logger.ts';
import { publishedPorts } from './published-ports.ts';

const SCRIPT = `
snapshot() { printf 'slipway-ports %s\\n' "$(docker ps --format '{{.Ports}}' | tr '\\n' ' ')"; }
snapshot
docker events --filter type=container --filter event=start --filter event=die --format '{{.ID}}' |
  while read -r _; do snapshot; { sleep 1; snapshot; } & done
`;

export class PortWatcher {
  private ports: number[] = [];
  private stopped = false;
  private readonly container: Docker.Container;
  private readonly onChange: (ports: number[]) => void;

  constructor(container: Docker.Container, onChange: (ports: number[]) => void) {
    this.container = container;
    this.onChange = onChange;
  }

  get current(): number[] {
    return this.ports;
  }

  start(): void {
    let partial = '';
    runCommand(this.container, ['sh', '-c', SCRIPT], {
      maxOutputBytes: 0,
      onOutput: (chunk) => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('slipway-ports ')) this.update(publishedPorts(line));
      },
    })
      // The exec ends with its node (removed, or the session ended); a failure before that is worth a line.
      .catch((error: unknown) => {
        if (!this.stopped) log.warn('ports.watch_failed', { error: errorMessage(error) });
      })
      .finally(() => this.update([]));
  }

  /** Stops reporting (the exec itself ends with the node's container). */
  stop(): void {
    this.stopped = true;
  }

  private update(ports: number[]): void {
    if (this.stopped || ports.join() === this.ports.join()) return;
    this.ports = ports;
    this.onChange(ports);
  }
}
