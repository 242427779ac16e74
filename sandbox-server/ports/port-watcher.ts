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

// An exec outlives the connection that started it: a server that stopped (keeping its sandboxes for the next
// start to re-adopt) leaves its watcher running, so a new watcher ends its predecessor first.
const SCRIPT = `
f=/run/slipway/port-watcher.pid
old=$(cat "$f" 2>/dev/null)
if [ -n "$old" ] && grep -q slipway-ports "/proc/$old/cmdline" 2>/dev/null; then pkill -P "$old"; kill "$old"; fi
mkdir -p /run/slipway && echo $$ > "$f"
if ! command -v docker >/dev/null; then exec node -e "$SLIPWAY_LISTENING"; fi
snapshot() { printf 'slipway-ports %s\\n' "$(docker ps --format '{{.Ports}}' | tr '\\n' ' ')"; }
snapshot
docker events --filter type=container --filter event=start --filter event=die --format '{{.ID}}' |
  while read -r _; do snapshot; { sleep 1; snapshot; } & done
`;

// A plain sandbox (a webcontainer lesson's fallback, image node:22) has no engine: its "published" ports are
// the TCP ports its processes listen on outside loopback, read from /proc every second (no event to wait on),
// and printed in docker ps's format only when they change.
const LISTENING = `
const fs = require('node:fs');
const LOOPBACK = /^(0100007F|00000000000000000000000001000000|0000000000000000FFFF00000100007F):/;
let last = null;
setInterval(() => {
  const ports = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = fs.readFileSync(file, 'utf8'); } catch { continue; }
    for (const line of text.split('\\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\\s+/);
      if (state === '0A' && local && !LOOPBACK.test(local)) ports.add(parseInt(local.split(':')[1], 16));
    }
  }
  const now = [...ports].sort((a, b) => a - b).map((port) => '0.0.0.0:' + port + '->' + port + '/tcp').join(', ');
  if (now !== last) console.log('slipway-ports ' + now);
  last = now;
}, 1000);
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
      env: [`SLIPWAY_LISTENING=${LISTENING}`],
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
