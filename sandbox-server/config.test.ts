import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configHelp, loadConfig } from './config.ts';

const ALL_SETTINGS = [
  'PORT',
  'HOST',
  'SLIPWAY_IMAGE',
  'SLIPWAY_INSTANCE',
  'SLIPWAY_NETWORK',
  'SLIPWAY_REGISTRY_MIRROR',
  'SLIPWAY_PRIVILEGED',
  'SLIPWAY_IDLE_TIMEOUT_S',
  'SLIPWAY_MAX_LIFETIME_S',
  'SLIPWAY_EXTEND_S',
  'SLIPWAY_SWEEP_INTERVAL_S',
  'SLIPWAY_RECONNECT_GRACE_S',
  'SLIPWAY_READY_TIMEOUT_S',
  'SLIPWAY_CHECK_TIMEOUT_S',
  'SLIPWAY_POOL_SIZE',
  'SLIPWAY_SANDBOX_MEMORY',
  'SLIPWAY_SANDBOX_CPUS',
  'SLIPWAY_SANDBOX_PIDS',
  'SLIPWAY_MAX_SESSIONS',
  'SLIPWAY_MAX_QUEUE',
  'SLIPWAY_SESSIONS_PER_CLIENT',
  'SLIPWAY_DATA_DIR',
  'SLIPWAY_SANDBOX_DISK',
  'SLIPWAY_DISK_CHECK_S',
  'SLIPWAY_ISOLATION',
  'SLIPWAY_SANDBOX_ENGINE',
  'SLIPWAY_TRUSTED_REMOTE',
  'SLIPWAY_RUNTIME',
  'SLIPWAY_FIREWALL',
  'SLIPWAY_HOST_PORTS_ALLOWED',
  'SLIPWAY_PUBLIC_URL',
  'SLIPWAY_ALLOWED_ORIGINS',
  'SLIPWAY_PREVIEW_PORT',
  'SLIPWAY_PREVIEW_URL',
  'SLIPWAY_TRUSTED_PROXIES',
  'SLIPWAY_OPERATOR_TOKEN',
  'SLIPWAY_SESSIONS_PER_ADDRESS',
  'SLIPWAY_NODES_PER_CLIENT',
  'SLIPWAY_MAX_TOTAL_LIFETIME_S',
  'SLIPWAY_LOG',
  'SLIPWAY_SITE_DIR',
  'SLIPWAY_LESSONS_DIR',
];

/** Asserts that loading `env` fails with a one-line message naming every variable in `names`. */
function assertRejected(env: NodeJS.ProcessEnv, ...names: string[]): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /^bad configuration: /);
      assert.ok(!error.message.includes('\n'), 'one line');
      for (const name of names) assert.ok(error.message.includes(`at ${name}`), `${error.message} names ${name}`);
      return true;
    },
    JSON.stringify(env),
  );
}

describe('loadConfig', () => {
  test('defaults', () => {
    const config = loadConfig({});
    const repo = fileURLToPath(new URL('../', import.meta.url));
    assert.deepEqual(config, {
      PORT: 4321,
      HOST: '127.0.0.1',
      SLIPWAY_IMAGE: 'slipway/sandbox:latest',
      SLIPWAY_INSTANCE: 'default',
      SLIPWAY_NETWORK: 'slipway-sandboxes',
      SLIPWAY_REGISTRY_MIRROR: 'auto',
      SLIPWAY_PRIVILEGED: 'auto',
      SLIPWAY_IDLE_TIMEOUT_S: 1800,
      SLIPWAY_MAX_LIFETIME_S: 7200,
      SLIPWAY_EXTEND_S: 1800,
      SLIPWAY_SWEEP_INTERVAL_S: 15,
      SLIPWAY_RECONNECT_GRACE_S: 60,
      SLIPWAY_READY_TIMEOUT_S: 60,
      SLIPWAY_CHECK_TIMEOUT_S: 10,
      SLIPWAY_POOL_SIZE: 2,
      SLIPWAY_SANDBOX_MEMORY: 2 * 2 ** 30,
      SLIPWAY_SANDBOX_CPUS: 1,
      SLIPWAY_SANDBOX_PIDS: 2048,
      SLIPWAY_MAX_SESSIONS: 20,
      SLIPWAY_MAX_QUEUE: 50,
      SLIPWAY_SESSIONS_PER_CLIENT: 3,
      SLIPWAY_DATA_DIR: '.slipway/data',
      SLIPWAY_SANDBOX_DISK: 10 * 2 ** 30,
      SLIPWAY_DISK_CHECK_S: 30,
      SLIPWAY_ISOLATION: 'userns',
      SLIPWAY_SANDBOX_ENGINE: 'unix:///run/slipway-engine/docker.sock',
      SLIPWAY_TRUSTED_REMOTE: 'no',
      SLIPWAY_RUNTIME: '',
      SLIPWAY_FIREWALL: 'auto',
      SLIPWAY_HOST_PORTS_ALLOWED: [],
      SLIPWAY_PUBLIC_URL: '',
      SLIPWAY_ALLOWED_ORIGINS: [],
      SLIPWAY_PREVIEW_URL: '',
      SLIPWAY_TRUSTED_PROXIES: [],
      SLIPWAY_OPERATOR_TOKEN: '',
      SLIPWAY_SESSIONS_PER_ADDRESS: 60,
      SLIPWAY_NODES_PER_CLIENT: 8,
      SLIPWAY_MAX_TOTAL_LIFETIME_S: 28800,
      SLIPWAY_LOG: 'info',
      SLIPWAY_SITE_DIR: path.join(repo, 'dist/'),
      SLIPWAY_LESSONS_DIR: path.join(repo, 'lessons/'),
    });
    assert.ok(existsSync(path.join(config.SLIPWAY_LESSONS_DIR, '01-first-container', 'lesson.md')), 'the default lessons dir is the repo\'s');
  });

  test('it reads process.env when given nothing', () => {
    // SLIPWAY_PREVIEW_PORT has no default (PORT + 1 is derived at listen time), so an empty environment leaves it out.
    const optional = new Set(['SLIPWAY_PREVIEW_PORT']);
    assert.deepEqual(Object.keys(loadConfig()).sort(), ALL_SETTINGS.filter((name) => !optional.has(name)).sort());
  });

  test('environment overrides, coerced to their types', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      SLIPWAY_IMAGE: 'registry.example/sandbox:v2',
      SLIPWAY_INSTANCE: 'ci-1.run_2',
      SLIPWAY_NETWORK: 'class-net',
      SLIPWAY_REGISTRY_MIRROR: 'http://10.0.0.5:5000',
      SLIPWAY_PRIVILEGED: 'never',
      SLIPWAY_IDLE_TIMEOUT_S: '90',
      SLIPWAY_MAX_LIFETIME_S: '600',
      SLIPWAY_EXTEND_S: '60',
      SLIPWAY_SWEEP_INTERVAL_S: '0.5',
      SLIPWAY_RECONNECT_GRACE_S: '5',
      SLIPWAY_READY_TIMEOUT_S: '120',
      SLIPWAY_CHECK_TIMEOUT_S: '2.5',
      SLIPWAY_POOL_SIZE: '0',
      SLIPWAY_SANDBOX_MEMORY: '512m',
      SLIPWAY_SANDBOX_CPUS: '1.5',
      SLIPWAY_SANDBOX_PIDS: '500',
      SLIPWAY_MAX_SESSIONS: '3',
      SLIPWAY_MAX_QUEUE: '0',
      SLIPWAY_SESSIONS_PER_CLIENT: '1',
      SLIPWAY_DATA_DIR: '/var/lib/slipway',
      SLIPWAY_SANDBOX_DISK: '1.5g',
      SLIPWAY_DISK_CHECK_S: '2',
      SLIPWAY_ISOLATION: 'trusted',
      SLIPWAY_SANDBOX_ENGINE: 'unix:///srv/engine.sock',
      SLIPWAY_TRUSTED_REMOTE: 'yes',
      SLIPWAY_RUNTIME: 'sysbox-runc',
      SLIPWAY_FIREWALL: 'off',
      SLIPWAY_HOST_PORTS_ALLOWED: '5000, 8080',
      SLIPWAY_PUBLIC_URL: 'https://slipway.example.org',
      SLIPWAY_ALLOWED_ORIGINS: 'https://embed.example.org, https://docs.example.org',
      SLIPWAY_PREVIEW_PORT: '8443',
      SLIPWAY_PREVIEW_URL: 'https://preview.example.org',
      SLIPWAY_TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16',
      SLIPWAY_OPERATOR_TOKEN: 'an-operator-secret-of-32-chars!!',
      SLIPWAY_SESSIONS_PER_ADDRESS: '90',
      SLIPWAY_NODES_PER_CLIENT: '4',
      SLIPWAY_MAX_TOTAL_LIFETIME_S: '3600',
      SLIPWAY_LOG: 'silent',
      SLIPWAY_SITE_DIR: '/srv/site',
      SLIPWAY_LESSONS_DIR: '/srv/lessons',
    });
    assert.deepEqual(config, {
      PORT: 0,
      HOST: '0.0.0.0',
      SLIPWAY_IMAGE: 'registry.example/sandbox:v2',
      SLIPWAY_INSTANCE: 'ci-1.run_2',
      SLIPWAY_NETWORK: 'class-net',
      SLIPWAY_REGISTRY_MIRROR: 'http://10.0.0.5:5000',
      SLIPWAY_PRIVILEGED: 'never',
      SLIPWAY_IDLE_TIMEOUT_S: 90,
      SLIPWAY_MAX_LIFETIME_S: 600,
      SLIPWAY_EXTEND_S: 60,
      SLIPWAY_SWEEP_INTERVAL_S: 0.5,
      SLIPWAY_RECONNECT_GRACE_S: 5,
      SLIPWAY_READY_TIMEOUT_S: 120,
      SLIPWAY_CHECK_TIMEOUT_S: 2.5,
      SLIPWAY_POOL_SIZE: 0,
      SLIPWAY_SANDBOX_MEMORY: 512 * 2 ** 20,
      SLIPWAY_SANDBOX_CPUS: 1.5,
      SLIPWAY_SANDBOX_PIDS: 500,
      SLIPWAY_MAX_SESSIONS: 3,
      SLIPWAY_MAX_QUEUE: 0,
      SLIPWAY_SESSIONS_PER_CLIENT: 1,
      SLIPWAY_DATA_DIR: '/var/lib/slipway',
      SLIPWAY_SANDBOX_DISK: 1.5 * 2 ** 30,
      SLIPWAY_DISK_CHECK_S: 2,
      SLIPWAY_ISOLATION: 'trusted',
      SLIPWAY_SANDBOX_ENGINE: 'unix:///srv/engine.sock',
      SLIPWAY_TRUSTED_REMOTE: 'yes',
      SLIPWAY_RUNTIME: 'sysbox-runc',
      SLIPWAY_FIREWALL: 'off',
      SLIPWAY_HOST_PORTS_ALLOWED: [5000, 8080],
      SLIPWAY_PUBLIC_URL: 'https://slipway.example.org',
      SLIPWAY_ALLOWED_ORIGINS: ['https://embed.example.org', 'https://docs.example.org'],
      SLIPWAY_PREVIEW_PORT: 8443,
      SLIPWAY_PREVIEW_URL: 'https://preview.example.org',
      SLIPWAY_TRUSTED_PROXIES: ['10.0.0.1', '192.168.0.0/16'],
      SLIPWAY_OPERATOR_TOKEN: 'an-operator-secret-of-32-chars!!',
      SLIPWAY_SESSIONS_PER_ADDRESS: 90,
      SLIPWAY_NODES_PER_CLIENT: 4,
      SLIPWAY_MAX_TOTAL_LIFETIME_S: 3600,
      SLIPWAY_LOG: 'silent',
      SLIPWAY_SITE_DIR: '/srv/site',
      SLIPWAY_LESSONS_DIR: '/srv/lessons',
    });
    assert.equal(typeof config.PORT, 'number');
    assert.equal(loadConfig({ PORT: '65535' }).PORT, 65535);
  });

  test('unrelated environment variables are ignored', () => {
    const config = loadConfig({ PATH: '/usr/bin', HOME: '/root', SLIPWAY_UNKNOWN: 'x' });
    assert.ok(!('PATH' in config));
    assert.ok(!('SLIPWAY_UNKNOWN' in config));
    assert.equal(config.PORT, 4321);
  });

  test('invalid values throw a message naming the variable', () => {
    for (const port of ['abc', '-1', '65536', '80.5', '8080x']) assertRejected({ PORT: port }, 'PORT');
    for (const instance of ['has space', 'a/b', 'x'.repeat(65)]) assertRejected({ SLIPWAY_INSTANCE: instance }, 'SLIPWAY_INSTANCE');
    assertRejected({ SLIPWAY_PRIVILEGED: 'yes' }, 'SLIPWAY_PRIVILEGED');
    assertRejected({ SLIPWAY_LOG: 'debug' }, 'SLIPWAY_LOG');
    assertRejected({ SLIPWAY_ISOLATION: 'none' }, 'SLIPWAY_ISOLATION');
    for (const socket of ['/run/x.sock', 'tcp://10.0.0.1:2375']) assertRejected({ SLIPWAY_SANDBOX_ENGINE: socket }, 'SLIPWAY_SANDBOX_ENGINE');
    for (const mirror of ['yes', '10.0.0.5:5000', 'ftp://10.0.0.5']) assertRejected({ SLIPWAY_REGISTRY_MIRROR: mirror }, 'SLIPWAY_REGISTRY_MIRROR');
    for (const size of ['lots', '2t', '-1g', 'g']) assertRejected({ SLIPWAY_SANDBOX_MEMORY: size }, 'SLIPWAY_SANDBOX_MEMORY');
    assertRejected({ SLIPWAY_SANDBOX_PIDS: '10' }, 'SLIPWAY_SANDBOX_PIDS');
    for (const seconds of ['0', '-5', 'soon']) {
      for (const name of ['SLIPWAY_IDLE_TIMEOUT_S', 'SLIPWAY_SWEEP_INTERVAL_S', 'SLIPWAY_READY_TIMEOUT_S', 'SLIPWAY_CHECK_TIMEOUT_S']) {
        assertRejected({ [name]: seconds }, name);
      }
    }
    for (const sessions of ['0', '2.5', 'many']) assertRejected({ SLIPWAY_MAX_SESSIONS: sessions }, 'SLIPWAY_MAX_SESSIONS');
    for (const queue of ['-1', '1.5']) assertRejected({ SLIPWAY_MAX_QUEUE: queue }, 'SLIPWAY_MAX_QUEUE');
    for (const perClient of ['0', 'lots']) assertRejected({ SLIPWAY_SESSIONS_PER_CLIENT: perClient }, 'SLIPWAY_SESSIONS_PER_CLIENT');
    assertRejected({ SLIPWAY_SANDBOX_DISK: 'huge' }, 'SLIPWAY_SANDBOX_DISK');
    assertRejected({ SLIPWAY_DISK_CHECK_S: '0' }, 'SLIPWAY_DISK_CHECK_S');
    for (const runtime of ['runc; rm -rf /', 'a b']) assertRejected({ SLIPWAY_RUNTIME: runtime }, 'SLIPWAY_RUNTIME');
    assertRejected({ SLIPWAY_FIREWALL: 'on' }, 'SLIPWAY_FIREWALL');
    for (const ports of ['5000,abc', '0', '70000', '80;22']) assertRejected({ SLIPWAY_HOST_PORTS_ALLOWED: ports }, 'SLIPWAY_HOST_PORTS_ALLOWED');
  });

  test('every invalid variable is named at once', () => {
    assertRejected({ PORT: 'x', SLIPWAY_LOG: 'loud', SLIPWAY_CHECK_TIMEOUT_S: '0' }, 'PORT', 'SLIPWAY_LOG', 'SLIPWAY_CHECK_TIMEOUT_S');
  });

  test(
    'an empty PORT is not silently taken as port 0',
    () => {
      let port: number | undefined;
      try {
        port = loadConfig({ PORT: '' }).PORT;
      } catch {
        return; // rejecting it is fine too
      }
      assert.equal(port, 4321);
    },
  );
});

describe('configHelp', () => {
  const help = configHelp();

  test('lists every variable, one line each, with its help text', () => {
    const lines = help.split('\n');
    assert.match(lines[0] ?? '', /environment variables/);
    for (const name of ALL_SETTINGS) {
      const matching = lines.filter((line) => line.startsWith(`  ${name} `));
      assert.equal(matching.length, 1, `${name} has one line`);
      assert.ok((matching[0] ?? '').trim().length > name.length + 10, `${name} has a description`);
    }
    assert.equal(lines.length, ALL_SETTINGS.length + 1);
  });

  test('shows the defaults', () => {
    assert.match(help, /^ {2}PORT {2,}.*\(default: 4321\)$/m);
    assert.match(help, /^ {2}SLIPWAY_PRIVILEGED .*\(default: auto\)$/m);
    assert.match(help, /^ {2}SLIPWAY_CHECK_TIMEOUT_S .*\(default: 10\)$/m);
    assert.match(help, /^ {2}SLIPWAY_LOG .*\(default: info\)$/m);
    assert.match(help, /^ {2}SLIPWAY_REGISTRY_MIRROR .*\(default: auto\)$/m);
  });

  test('lists exactly the variables loadConfig reads', () => {
    const listed = help.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[0]);
    assert.deepEqual(listed.sort(), [...ALL_SETTINGS].sort());
  });
});
