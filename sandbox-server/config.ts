// Every setting comes from an environment variable; `--help` prints this table.
import { z } from 'zod';
import { fileURLToPath } from 'node:url';
import { SANDBOX_ENGINE } from './engine/sandbox-engine-layout.ts';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const UNITS = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 } as const;
/** A size like 512m or 2g, in bytes. */
const bytes = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, context) => {
      const match = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(text.trim());
      if (match) return Math.round(Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase() as keyof typeof UNITS]);
      context.addIssue({ code: 'custom', message: 'a size like 512m or 2g' });
      return z.NEVER;
    });

/** A comma-separated list of TCP ports, like 5000,8080. */
const ports = () =>
  z
    .string()
    .default('')
    .transform((text, context) => {
      const list = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
      if (list.every((part) => /^\d{1,5}$/.test(part) && Number(part) >= 1 && Number(part) <= 65535)) return list.map(Number);
      context.addIssue({ code: 'custom', message: 'comma-separated TCP ports like 5000,8080' });
      return z.NEVER;
    });

/** A comma-separated list of origins (scheme, host and port of URLs), like https://a.example,https://b.example. */
const origins = () =>
  z
    .string()
    .default('')
    .transform((text, context) => {
      const list = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
      const parsed = list.filter((part) => URL.canParse(part)).map((part) => new URL(part)).filter((url) => /^https?:$/.test(url.protocol));
      if (parsed.length === list.length) return parsed.map((url) => url.origin);
      context.addIssue({ code: 'custom', message: 'comma-separated http(s) origins like https://slipway.example.org' });
      return z.NEVER;
    });

/** A comma-separated list of IP addresses or CIDR blocks, like 127.0.0.1,10.0.0.0/8,::1. */
const addressBlocks = () =>
  z
    .string()
    .default('')
    .transform((text, context) => {
      const list = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
      if (list.every((part) => /^[\d.]+(\/\d{1,2})?$|^[\da-f:.]+(\/\d{1,3})?$/i.test(part))) return list;
      context.addIssue({ code: 'custom', message: 'comma-separated addresses or CIDR blocks like 127.0.0.1,10.0.0.0/8' });
      return z.NEVER;
    });

const optionalUrl = () => z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default('');

const settings = {
  PORT: { schema: z.coerce.number().int().min(0).max(65535).default(4321), help: 'port for the site, API and terminals' },
  HOST: { schema: z.string().default('127.0.0.1'), help: 'address to listen on (0.0.0.0 to serve other machines)' },
  SLIPWAY_IMAGE: { schema: z.string().default('slipway/sandbox:latest'), help: 'sandbox image (built by npm run images)' },
  SLIPWAY_INSTANCE: { schema: z.string().regex(/^[\w.-]{1,64}$/).default('default'), help: 'name of this server: it reaps only its own leftover sandboxes' },
  SLIPWAY_NETWORK: { schema: z.string().regex(/^[\w.-]{1,64}$/).default('slipway-sandboxes'), help: 'bridge network of the sandboxes (created with inter-container traffic off); one on 10.214.0.0/24 or 10.215.0.0/16, the inner engines\' ranges, is refused' },
  SLIPWAY_REGISTRY_MIRROR: {
    schema: z.union([z.enum(['auto', 'off']), z.url({ protocol: /^https?$/ })]).default('auto'),
    help: "registry the sessions' engines pull through: auto uses the kit's slipway-mirror (npm run images), off none, or a URL",
  },
  SLIPWAY_PRIVILEGED: { schema: z.enum(['auto', 'always', 'never']).default('auto'), help: 'run sandboxes --privileged: auto probes the host once' },
  SLIPWAY_IDLE_TIMEOUT_S: { schema: seconds(1800), help: 'end a session after this long without keystrokes or API calls' },
  SLIPWAY_MAX_LIFETIME_S: { schema: seconds(7200), help: 'a session ends this long after it starts, unless the learner extends it' },
  SLIPWAY_EXTEND_S: { schema: seconds(1800), help: 'how much one extend adds (never more than the max lifetime from now)' },
  SLIPWAY_SWEEP_INTERVAL_S: { schema: seconds(15), help: 'how often idle sessions are looked for' },
  SLIPWAY_RECONNECT_GRACE_S: { schema: seconds(60), help: 'a shell whose connection dropped waits this long to be reattached' },
  SLIPWAY_READY_TIMEOUT_S: { schema: seconds(60), help: "give up on a sandbox whose engine hasn't answered by then" },
  SLIPWAY_CHECK_TIMEOUT_S: { schema: seconds(10), help: 'a step check taking longer fails' },
  SLIPWAY_POOL_SIZE: { schema: z.coerce.number().int().min(0).default(2), help: 'ready sandboxes kept warm for new sessions' },
  SLIPWAY_SANDBOX_MEMORY: { schema: bytes('2g'), help: "memory for one sandbox, its inner containers included (no swap beyond it)" },
  SLIPWAY_SANDBOX_CPUS: { schema: z.coerce.number().positive().default(1), help: 'CPUs one sandbox may use' },
  SLIPWAY_SANDBOX_PIDS: { schema: z.coerce.number().int().min(64).default(2048), help: 'processes one sandbox may run (a fork bomb stops here)' },
  SLIPWAY_MAX_SESSIONS: { schema: z.coerce.number().int().positive().default(20), help: 'sessions running at once on this server' },
  SLIPWAY_MAX_QUEUE: { schema: z.coerce.number().int().min(0).default(50), help: 'sessions waiting for capacity, in order; beyond this a new session is refused (503)' },
  SLIPWAY_SESSIONS_PER_CLIENT: { schema: z.coerce.number().int().positive().default(3), help: 'sessions (running or queued) one client address may hold (429 beyond)' },
  SLIPWAY_DATA_DIR: { schema: z.string().default('.slipway/data'), help: 'folder for what must survive a restart (session records, workshops database)' },
  SLIPWAY_SANDBOX_DISK: { schema: bytes('10g'), help: "disk for one sandbox's inner engine (/var/lib/docker): a notice at 80 %, the session ends at 100 %" },
  SLIPWAY_MIN_FREE_DISK: { schema: bytes('2g'), help: "new sessions are refused (507) while the engine's data root or SLIPWAY_DATA_DIR has less free space than this" },
  SLIPWAY_DISK_CHECK_S: { schema: seconds(30), help: "how often each sandbox's disk use is measured" },
  SLIPWAY_ISOLATION: {
    schema: z.enum(['userns', 'trusted']).default('userns'),
    help: "userns: sandboxes run on Slipway's own engine with user namespaces (a learner's root is an unprivileged host uid); trusted: on the host engine, learner root = host root (one person on their own machine)",
  },
  SLIPWAY_SANDBOX_ENGINE: { schema: z.string().regex(/^unix:\/\/\/\S+$/).default(`unix://${SANDBOX_ENGINE.socket}`), help: 'socket of the engine sandboxes run on with SLIPWAY_ISOLATION=userns (the preflight starts it as root)' },
  SLIPWAY_TRUSTED_REMOTE: { schema: z.enum(['yes', 'no']).default('no'), help: 'yes: allow SLIPWAY_ISOLATION=trusted to listen beyond loopback (every learner gets host root)' },
  SLIPWAY_RUNTIME: { schema: z.string().regex(/^[\w.-]{0,64}$/).default(''), help: 'OCI runtime for sandboxes (sysbox-runc, runsc, kata-runtime; empty: the engine default, runc)' },
  SLIPWAY_LESSON_RUNTIME: {
    schema: z.enum(['auto', 'docker', 'webcontainer']).default('auto'),
    help: "where `runtime: webcontainer` lessons run: auto in the browser, else a Docker sandbox; docker always a sandbox; webcontainer only the browser (no sandbox)",
  },
  SLIPWAY_WEBCONTAINER_CLIENT_ID: {
    schema: z.string().regex(/^[\w.-]{0,200}$/).default(''),
    help: "StackBlitz WebContainer licence key (client id) for commercial use, sent to the browser (README, WebContainer lessons)",
  },
  SLIPWAY_FIREWALL: { schema: z.enum(['auto', 'off']).default('auto'), help: 'auto: as root with iptables, drop sandbox traffic to the host and cloud metadata' },
  SLIPWAY_HOST_PORTS_ALLOWED: { schema: ports(), help: "host TCP ports sandboxes may still reach, comma-separated (the registry mirror's is always allowed)" },
  SLIPWAY_PUBLIC_URL: { schema: optionalUrl(), help: "the site's public address (https://slipway.example.org); empty: each request's own Host" },
  SLIPWAY_ALLOWED_ORIGINS: { schema: origins(), help: 'other origins whose pages may call the API and open terminals, comma-separated (embeds)' },
  SLIPWAY_PREVIEW_PORT: { schema: z.coerce.number().int().min(0).max(65535).optional(), help: 'port of the preview listener, a separate origin for learners\' apps (default: PORT + 1; 0 picks one)' },
  SLIPWAY_PREVIEW_URL: { schema: optionalUrl(), help: 'public address of the preview listener (https://preview.slipway.example.org); empty: the site\'s host name at SLIPWAY_PREVIEW_PORT' },
  SLIPWAY_TRUSTED_PROXIES: { schema: addressBlocks(), help: 'reverse proxies (addresses or CIDRs) whose X-Forwarded-For / Forwarded / X-Forwarded-Proto are believed; none by default' },
  SLIPWAY_OPERATOR_TOKEN: { schema: z.union([z.literal(''), z.string().min(16)]).default(''), help: 'secret (16+ characters) for creating workshops; required to create them when HOST is not loopback or a proxy is trusted' },
  SLIPWAY_SESSIONS_PER_ADDRESS: { schema: z.coerce.number().int().positive().default(60), help: 'sessions one client address may hold in all, workshop learners\' included (a class behind one NAT)' },
  SLIPWAY_NODES_PER_CLIENT: { schema: z.coerce.number().int().positive().default(8), help: 'nodes (sandboxes) one client may hold across its sessions' },
  SLIPWAY_MAX_TOTAL_LIFETIME_S: { schema: seconds(28800), help: 'no session lasts longer than this from its start, however often it is extended' },
  SLIPWAY_LOG: { schema: z.enum(['info', 'warn', 'error', 'silent']).default('info'), help: 'lowest level of the JSON log lines printed' },
  SLIPWAY_SITE_DIR: { schema: z.string().default(here('../dist/')), help: 'built site to serve (npm run build)' },
  SLIPWAY_LESSONS_DIR: { schema: z.string().default(here('../lessons/')), help: 'lessons to load' },
} as const;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const shape = Object.fromEntries(Object.entries(settings).map(([key, { schema }]) => [key, schema]));
  // An empty variable (PORT=) means "not set", not zero.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = z.object(shape).safeParse(given);
  if (!parsed.success) throw new Error(`bad configuration: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`);
  return parsed.data as Config;
}

export function configHelp(): string {
  const rows = Object.entries(settings).map(([key, { schema, help }]) => {
    const fallback = schema.safeParse(undefined);
    return `  ${key.padEnd(28)} ${help}${fallback.success && fallback.data !== undefined ? ` (default: ${String(fallback.data)})` : ''}`;
  });
  return ['Slipway sandbox server. Settings (environment variables):', ...rows].join('\n');
}
