// Who is asking, as far as the server can tell: the connection's peer address, unless that peer is a trusted
// reverse proxy (SLIPWAY_TRUSTED_PROXIES), whose X-Forwarded-For / Forwarded then names the client and whose
// X-Forwarded-Proto / -Host say how the browser reached the site. Nothing is believed from anyone else: any
// client can send those headers.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export interface ProxyTrust {
  /** Whether `address` is a trusted proxy. */
  trusts(address: string): boolean;
  /** Whether any proxy is trusted at all (the server is published through one). */
  readonly any: boolean;
}

/** `::ffff:10.0.0.1` is 10.0.0.1: Node reports IPv4 peers that way on dual-stack sockets. */
export const plainAddress = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/^\[(.*)\]$/, '$1');

export function proxyTrust(blocks: string[]): ProxyTrust {
  const list = new BlockList();
  for (const block of blocks) {
    const [address = '', prefix] = block.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return {
    any: blocks.length > 0,
    trusts(address) {
      const plain = plainAddress(address);
      const family = isIP(plain);
      return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** Hops a request went through, nearest last: X-Forwarded-For, or the `for=` parameters of Forwarded. */
function forwardedChain(request: IncomingMessage): string[] {
  const xff = header(request, 'x-forwarded-for');
  if (xff) return xff.split(',').map((part) => part.trim()).filter(Boolean);
  const forwarded = header(request, 'forwarded');
  if (!forwarded) return [];
  return [...forwarded.matchAll(/for="?\[?([^\]";,]+)\]?(?::\d+)?"?/gi)].map((match) => match[1] ?? '');
}

/** The client's address: the peer, or, through trusted proxies, the nearest hop no trusted proxy vouches for. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  let address = plainAddress(request.socket.remoteAddress ?? 'unknown');
  if (!trust.trusts(address)) return address;
  const chain = forwardedChain(request);
  while (chain.length > 0 && trust.trusts(address)) {
    const next = plainAddress(chain.pop() ?? '');
    if (isIP(next) === 0) break; // "unknown" or an obfuscated hop: the proxy is the best we know
    address = next;
  }
  return address;
}

/** The scheme and host the browser used: a trusted proxy's X-Forwarded-Proto / -Host, else the connection's own. */
export function requestOrigin(request: IncomingMessage, trust: ProxyTrust): { protocol: 'http' | 'https'; host: string } {
  const proxied = trust.trusts(request.socket.remoteAddress ?? '');
  const forwardedProto = proxied ? header(request, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() : undefined;
  const encrypted = 'encrypted' in request.socket && Boolean(request.socket.encrypted);
  const protocol = forwardedProto === 'https' || (forwardedProto === undefined && encrypted) ? 'https' : 'http';
  const forwardedHost = proxied ? header(request, 'x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return { protocol, host: forwardedHost || (request.headers.host ?? 'localhost') };
}
