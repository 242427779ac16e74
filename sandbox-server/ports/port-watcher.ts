// Follows the ports one node publishes. One long-lived exec per node runs `docker events` filtered to
// container start/die and lists the published ports after each event (and once at start), so a port shows
// up the moment its container starts and goes when it stops, at no cost while nothing happens (polling
// every node every few seconds would spend a docker CLI start per node and tick, and still lag). The engine
// reports `die` a moment before `docker ps` stops listing the container, so each event is listed twice: at
// once and a second later. The exec's output is the learner's to forge (they can write into its stdout):
// lines and the bytes per minute are bounded, and a watcher going beyond is killed and not restarted.
import type Docker from 'dockerode';
import { ExecStopped, runCommand } from '../engine/run-command.ts';
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

/** `docker ps` of 32 containers with many ports fits well within this. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Each container start or stop prints two lines: a minute of busy lessons stays far below. */
export const MAX_BYTES_PER_MINUTE = 1024 * 1024;

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
    let partial = Buffer.alloc(0);
    let window = { start: Date.now(), bytes: 0 };
    const abort = new AbortController();
    const take = (chunk: Buffer) => {
      if (Date.now() - window.start > 60_000) window = { start: Date.now(), bytes: 0 };
      window.bytes += chunk.length;
      if (window.bytes > MAX_BYTES_PER_MINUTE) return abort.abort(`over ${MAX_BYTES_PER_MINUTE} bytes of output in a minute`);
      let rest = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
      for (let end = rest.indexOf(10); end >= 0; end = rest.indexOf(10)) {
        const line = rest.subarray(0, end).toString('utf8');
        rest = rest.subarray(end + 1);
        if (line.startsWith('slipway-ports ')) this.update(containerPorts(line.slice('slipway-ports '.length)));
      }
      if (rest.length > MAX_LINE_BYTES) return abort.abort(`a line over ${MAX_LINE_BYTES} bytes`);
      partial = Buffer.from(rest);
    };
    runCommand(this.container, ['sh', '-c', SCRIPT], {
      maxOutputBytes: 0,
      timeoutMs: 0, // it lives as long as its node
      signal: abort.signal,
      onOutput: (chunk) => {
        if (!abort.signal.aborted) take(chunk);
      },
    })
      // The exec ends with its node (removed, or the session ended); a failure before that is worth a line.
      .catch((error: unknown) => {
        if (error instanceof ExecStopped) log.warn('ports.watch_stopped', { container: this.container.id.slice(0, 12), reason: error.message });
        else if (!this.stopped) log.warn('ports.watch_failed', { error: errorMessage(error) });
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
