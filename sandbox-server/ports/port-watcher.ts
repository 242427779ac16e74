// Follows the ports one node publishes. One long-lived exec per node runs `docker events` filtered to
// container start/die and lists the published ports after each event (and once at start), so a port shows
// up the moment its container starts and goes when it stops, at no cost while nothing happens (polling
// every node every few seconds would spend a docker CLI start per node and tick, and still lag). The engine
// reports `die` a moment before `docker ps` stops listing the container, so each event is listed twice: at
// once and a second later.
import type Docker from 'dockerode';
import { runCommand } from '../engine/run-command.ts';
import { errorMessage, log } from '../logger.ts';
import { containerPorts, type PublishedPort } from './published-ports.ts';

// An exec outlives the connection that started it: a server that stopped (keeping its sandboxes for the next
// start to re-adopt) leaves its watcher running, so a new watcher ends its predecessor first.
const SCRIPT = `
f=/run/slipway/port-watcher.pid
old=$(cat "$f" 2>/dev/null)
if [ -n "$old" ] && grep -q slipway-ports "/proc/$old/cmdline" 2>/dev/null; then pkill -P "$old"; kill "$old"; fi
mkdir -p /run/slipway && echo $$ > "$f"
snapshot() { printf 'slipway-ports %s\\n' "$(docker ps --format '{{.Names}}|{{.Ports}}' | tr '\\n' ';')"; }
snapshot
docker events --filter type=container --filter event=start --filter event=die --format '{{.ID}}' |
  while read -r _; do snapshot; { sleep 1; snapshot; } & done
`;

export class PortWatcher {
  private ports: PublishedPort[] = [];
  private stopped = false;
  private readonly container: Docker.Container;
  private readonly onChange: (ports: PublishedPort[]) => void;

  constructor(container: Docker.Container, onChange: (ports: PublishedPort[]) => void) {
    this.container = container;
    this.onChange = onChange;
  }

  get current(): PublishedPort[] {
    return this.ports;
  }

  start(): void {
    let partial = '';
    runCommand(this.container, ['sh', '-c', SCRIPT], {
      maxOutputBytes: 0,
      onOutput: (chunk) => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('slipway-ports ')) this.update(containerPorts(line.slice('slipway-ports '.length)));
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

  private update(ports: PublishedPort[]): void {
    if (this.stopped || JSON.stringify(ports) === JSON.stringify(this.ports)) return;
    this.ports = ports;
    this.onChange(ports);
  }
}
