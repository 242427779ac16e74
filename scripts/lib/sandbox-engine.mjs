// @ts-check
// Slipway's own Docker engine for the learners' sandboxes (SLIPWAY_ISOLATION=userns, the default): a second
// dockerd with --userns-remap, so a learner's root is an unprivileged host uid. Own socket, data-root,
// exec-root, pidfile, bridge and address pool, and --iptables=false: a dockerd with iptables on re-creates
// the DOCKER chains at start-up and would wipe the host engine's rules; the server owns this engine's NAT
// and forwarding rules instead (sandbox-server/engine/host-firewall.ts). As root on Linux it is provisioned
// idempotently (user, subordinate ranges, bridge, engine in the background); elsewhere one line says what to do.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { answersPing } from './docker-engine.mjs';
import { ensureCommand } from './system-packages.mjs';
import { fail, say } from './say.mjs';

/** @returns {Promise<typeof import('../../sandbox-server/engine/sandbox-engine-layout.ts').SANDBOX_ENGINE>} */
const layout = async () => (await import('../../sandbox-server/engine/sandbox-engine-layout.ts')).SANDBOX_ENGINE;

/** @param {string} socketPath */
const answers = (socketPath) => answersPing({ socketPath });

/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}; fix that and run this again.`);
  return result.stdout;
}

export async function ensureSandboxEngine() {
  if ((process.env.SLIPWAY_ISOLATION ?? 'userns') !== 'userns') return;
  const engine = await layout();
  const socket = (process.env.SLIPWAY_SANDBOX_ENGINE ?? `unix://${engine.socket}`).replace(/^unix:\/\//, '');
  if (await answers(socket)) return;
  const setItUp = `set up Slipway's user-namespaced sandbox engine (README, "Isolation") or run this once as root on Linux, or set SLIPWAY_ISOLATION=trusted on a single-user machine`;
  if (process.getuid?.() !== 0 || process.platform !== 'linux') fail(`no sandbox engine answers at ${socket}: ${setItUp}.`);
  if (socket !== engine.socket) fail(`no sandbox engine answers at ${socket} (SLIPWAY_SANDBOX_ENGINE): start it, or unset the variable to let Slipway run its own.`);
  const limit = Number(readFileSync('/proc/sys/user/max_user_namespaces', 'utf8'));
  if (!(limit > 0)) fail('user namespaces are disabled on this kernel (user.max_user_namespaces=0): run `sysctl -w user.max_user_namespaces=15000` (and persist it), or set SLIPWAY_ISOLATION=trusted on a single-user machine.');
  ensureCommand('ip', ['iproute2'], "the sandbox engine's bridge");
  ensureRemapUser(engine);
  ensureBridge(engine);
  for (const dir of [engine.dataRoot, engine.execRoot]) mkdirSync(dir, { recursive: true, mode: 0o711 });
  mkdirSync('.slipway', { recursive: true });
  const log = openSync('.slipway/sandbox-engine.log', 'a');
  const args = [
    `--userns-remap=${engine.user}`, `--host=unix://${engine.socket}`, `--data-root=${engine.dataRoot}`, `--exec-root=${engine.execRoot}`,
    `--pidfile=${engine.pidfile}`, `--bridge=${engine.bridge}`, '--iptables=false', '--ip-masq=false',
    `--default-address-pool=base=${engine.addressPool},size=${engine.poolSize}`,
  ];
  const hostBridge = bridgeAddresses(HOST_BRIDGE);
  spawn('dockerd', args, { detached: true, stdio: ['ignore', log, log] }).unref();
  say(`started Slipway's sandbox engine: dockerd ${args.join(' ')} (log: .slipway/sandbox-engine.log)`);
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (await answers(engine.socket)) {
      if (hostBridge) restoreBridge(HOST_BRIDGE, hostBridge);
      return say(`sandbox engine is up at ${engine.socket}: learners' root maps to host uid ${remapStart(engine.user)}+`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail('the sandbox engine did not answer within 60 s: see .slipway/sandbox-engine.log.');
}

/** @param {string} user */
const remapStart = (user) => readFileSync('/etc/subuid', 'utf8').split('\n').find((line) => line.startsWith(`${user}:`))?.split(':')[1] ?? '?';

/** @param {Awaited<ReturnType<typeof layout>>} engine */
function ensureRemapUser(engine) {
  if (spawnSync('getent', ['passwd', engine.user], { stdio: 'ignore' }).status !== 0) {
    run('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', engine.user]);
    say(`created the system user ${engine.user} (sandboxes' root maps onto its subordinate ids)`);
  }
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line.includes(':')) : [];
    if (lines.some((line) => line.startsWith(`${engine.user}:`))) continue;
    // Past every range already given out, so no other user's ids are shared.
    const taken = lines.map((line) => line.split(':').map(Number)).map(([, start = 0, count = 0]) => start + count);
    const start = Math.max(engine.subordinateStart, ...taken.map((end) => Math.ceil(end / 65_536) * 65_536));
    appendFileSync(file, `${engine.user}:${start}:${engine.subordinateCount}\n`);
    say(`added ${engine.user}:${start}:${engine.subordinateCount} to ${file}`);
  }
}

/**
 * The host engine's default bridge. A dockerd started with default address pools deletes the interface named
 * docker0 whatever its own --bridge is (moby's removeDefaultBridgeInterface), which leaves the host engine
 * unable to start a container or run a build step ("could not find bridge docker0").
 */
const HOST_BRIDGE = 'docker0';

/** @param {string} name @returns {string[] | undefined} the bridge's IPv4 addresses (CIDR), if it exists */
function bridgeAddresses(name) {
  const result = spawnSync('ip', ['-j', '-4', 'addr', 'show', 'dev', name], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  /** @type {{ addr_info?: { local: string; prefixlen: number }[] }[]} */
  const links = JSON.parse(result.stdout || '[]');
  return links.flatMap((link) => link.addr_info ?? []).map((info) => `${info.local}/${info.prefixlen}`);
}

/** Puts the host engine's bridge back as it was, if the sandbox engine's start-up deleted it. @param {string} name @param {string[]} addresses */
function restoreBridge(name, addresses) {
  if (bridgeAddresses(name)) return;
  run('ip', ['link', 'add', name, 'type', 'bridge']);
  for (const address of addresses) run('ip', ['addr', 'add', address, 'dev', name]);
  run('ip', ['link', 'set', name, 'up']);
  say(`put back the host engine's bridge ${name} (${addresses.join(', ') || 'no address'}), which the sandbox engine's start-up removed`);
}

/** @param {Awaited<ReturnType<typeof layout>>} engine */
function ensureBridge(engine) {
  if (spawnSync('ip', ['link', 'show', engine.bridge], { stdio: 'ignore' }).status === 0) return;
  run('ip', ['link', 'add', engine.bridge, 'type', 'bridge']);
  run('ip', ['addr', 'add', engine.bridgeAddress, 'dev', engine.bridge]);
  run('ip', ['link', 'set', engine.bridge, 'up']);
  say(`created the bridge ${engine.bridge} (${engine.bridgeAddress}) for the sandbox engine`);
}
