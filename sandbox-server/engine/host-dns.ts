// The host's upstream DNS servers, for the sandboxes' inner engines. A sandbox on a user-defined network
// sees Docker's embedded resolver (127.0.0.11), which its inner containers cannot use, so without this they
// would fall back to public resolvers that many networks block.
import { readFile } from 'node:fs/promises';

const SOURCES = ['/etc/resolv.conf', '/run/systemd/resolve/resolv.conf'];

export function nameservers(resolvConf: string): string[] {
  return resolvConf
    .split('\n')
    .map((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1])
    .filter((address): address is string => address !== undefined && !/^(127\.|::1$)/.test(address));
}

export async function upstreamResolvers(): Promise<string[]> {
  for (const file of SOURCES) {
    const found = nameservers(await readFile(file, 'utf8').catch(() => ''));
    if (found.length > 0) return found;
  }
  return [];
}
