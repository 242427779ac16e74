// Reads the TCP ports a node publishes, and which container publishes each, from the port watcher's snapshot
// of `docker ps --format '{{.Names}}|{{.Ports}}'` lines joined by ";". Each Ports column looks like
// "0.0.0.0:8080->80/tcp, :::8080->80/tcp, 127.0.0.1:9000->9000/tcp, 0.0.0.0:5000-5001->5000-5001/tcp, 53/udp".
// Ports bound to the node's loopback are left out: the proxy reaches the node through its network address.

const MAPPING = /(?:^|[\s,])(\[?[0-9a-fA-F.:]*?\]?):(\d+)(?:-(\d+))?->[\d-]+\/tcp/g;
/** A published range counts this many ports at most (a `-p 1-65535` must not flood the ports message). */
const MAX_RANGE = 32;

const isLoopback = (address: string) => /^(127\.|\[?::1\]?$)/.test(address);

export function publishedPorts(psPorts: string): number[] {
  const ports = new Set<number>();
  for (const match of psPorts.matchAll(MAPPING)) {
    const [, address = '', first = '', last] = match;
    if (isLoopback(address)) continue;
    const from = Number(first);
    const to = Math.min(Number(last ?? first), from + MAX_RANGE - 1);
    for (let port = from; port <= to; port += 1) if (port >= 1 && port <= 65535) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

export interface PublishedPort {
  port: number;
  /** The container that publishes it (its name), so the learner sees which app a preview shows. */
  container: string;
}

/** Ports of a snapshot `name|ports;name|ports;…`, in port order, each once. */
export function containerPorts(snapshot: string): PublishedPort[] {
  const owners = new Map<number, string>();
  for (const entry of snapshot.split(';')) {
    const bar = entry.indexOf('|');
    if (bar === -1) continue;
    const container = entry.slice(0, bar).trim();
    for (const port of publishedPorts(entry.slice(bar + 1))) if (!owners.has(port)) owners.set(port, container);
  }
  return [...owners].sort(([a], [b]) => a - b).map(([port, container]) => ({ port, container }));
}
