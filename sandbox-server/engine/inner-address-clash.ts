// Every sandbox's inner engine puts its docker0 and each network it creates (swarm's docker_gwbridge too) in
// INNER_ENGINE's ranges. A network the sandboxes sit on that overlaps those ranges would be shadowed inside a
// node by its own routes, and its gateway (the registry mirror, the published host services) with it (#15.1).
import { BlockList, isIPv4 } from 'node:net';
import { INNER_ENGINE } from './sandbox-engine-layout.ts';

const innerRanges = [INNER_ENGINE.bip.replace(/\.1\//, '.0/'), INNER_ENGINE.addressPool];

function parse(cidr: string): { address: string; prefix: number } | undefined {
  const [address = '', prefix = ''] = cidr.split('/');
  return isIPv4(address) && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32 ? { address, prefix: Number(prefix) } : undefined;
}

/** Whether two IPv4 blocks share an address: one contains the other's first address. */
export function blocksOverlap(a: string, b: string): boolean {
  const [first, second] = [parse(a), parse(b)];
  if (!first || !second) return false; // IPv6 or not a block: inner engines use IPv4 only
  const contains = (block: { address: string; prefix: number }, address: string) => {
    const list = new BlockList();
    list.addSubnet(block.address, block.prefix);
    return list.check(address);
  };
  return contains(first, second.address) || contains(second, first.address);
}

/** Throws, saying what to do, when a sandbox network's subnets overlap the inner engines' ranges. */
export function assertClearOfInnerEngines(network: string, subnets: readonly string[]): void {
  for (const subnet of subnets) {
    const clash = innerRanges.find((range) => blocksOverlap(subnet, range));
    if (clash) {
      throw new Error(`Network ${network} (${subnet}) overlaps ${clash}, which every sandbox's inner engine uses: give the sandboxes a network on another subnet.`);
    }
  }
}
