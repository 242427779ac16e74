// Where Slipway's own sandbox engine lives and which addresses every engine involved uses. Shared by the
// preflight that provisions the engine (scripts/lib/sandbox-engine.mjs) and the server that uses it.
// Addresses are chosen outside Docker's defaults (172.17-31.x, 192.168.x) so that no inner network can
// overlap the sandbox networks or the mirror's address on any host, and none of these overlap each other.
export const SANDBOX_ENGINE = {
  /** System user whose subordinate ranges the engine maps every sandbox's root onto. */
  user: 'slipway-sandbox',
  /** First host uid/gid of that range, and its size (one range shared by every sandbox). */
  subordinateStart: 300_000,
  subordinateCount: 65_536,
  socket: '/run/slipway-engine/docker.sock',
  dataRoot: '/var/lib/slipway-engine',
  execRoot: '/run/slipway-engine/exec',
  pidfile: '/run/slipway-engine/dockerd.pid',
  /** The engine's default bridge (created by the preflight: dockerd only creates one named docker0). */
  bridge: 'slipway0',
  bridgeAddress: '10.212.0.1/24',
  /** Networks the engine creates (the shared sandbox network, session networks) come from here. */
  addressPool: '10.213.0.0/16',
  poolSize: 24,
  /** Everything above: forwarding rules treat it as "a sandbox network". */
  range: '10.212.0.0/15',
} as const;

/** Each sandbox's inner engine: its docker0 and the pool its networks (swarm's docker_gwbridge too) come from. */
export const INNER_ENGINE = {
  bip: '10.214.0.1/24',
  addressPool: '10.215.0.0/16',
  poolSize: 24,
} as const;
