// Starts the real sandbox server in-process on a free port, against the real Docker engine.
import { after, before } from 'node:test';
import type { AddressInfo } from 'node:net';
import type Docker from 'dockerode';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertNoSandboxesLeft, uniqueInstance } from './leftovers.ts';
import { createApp, type App } from '../../sandbox-server/app.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  /** The preview listener's address (a separate origin). */
  previewUrl: string;
  close(options?: { keepSessions?: boolean }): Promise<void>;
}

/** `docker`: the engine connection the server uses (a test may put a proxy it can cut in between). */
export async function startTestServer(env: Record<string, string> = {}, docker: Docker = connectDocker()): Promise<TestServer> {
  // No warm pool unless a test asks for one: parallel test files would each keep sandboxes running.
  // Nor host firewall rules: other test files share the engine and its default sandbox network. A data folder
  // of its own (session records, workshops database) unless the test reuses one to restart a server. Every
  // test client comes from 127.0.0.1, so the per-address session limit would only count test files' tabs.
  // Sandboxes started beside every other test file on 2 cores can take over a minute to answer: 180 s to be ready.
  const ownDataDir = env.SLIPWAY_DATA_DIR === undefined ? await mkdtemp(path.join(tmpdir(), 'slipway-data-')) : undefined;
  const dataDir = env.SLIPWAY_DATA_DIR ?? ownDataDir ?? '';
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SLIPWAY_POOL_SIZE: '0', SLIPWAY_FIREWALL: 'off', SLIPWAY_SESSIONS_PER_CLIENT: '100', SLIPWAY_READY_TIMEOUT_S: '180', ...env, SLIPWAY_DATA_DIR: dataDir });
  const app = await createApp(docker, config).catch(async (error: unknown) => {
    if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true }); // a start a test expects to be refused
    throw error;
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => app.previewServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const previewPort = (app.previewServer.address() as AddressInfo).port;
  const close = async (options?: { keepSessions?: boolean }) => {
    await app.close(options);
    if (ownDataDir && !options?.keepSessions) await rm(ownDataDir, { recursive: true, force: true, maxRetries: 5 }); // a last session record may still be landing
  };
  return { app, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, previewUrl: `http://127.0.0.1:${previewPort}`, close };
}

/**
 * The server of one test file: started before its tests, closed after them, and then checked to have left
 * no sandbox behind. The returned object is filled in once the server is up; top-level `before` hooks run
 * concurrently, so a file's own hook that needs the server awaits `ready`.
 */
export function serverForThisFile(name: string, env: Record<string, string> = {}): TestServer & { instance: string; ready: Promise<void> } {
  const instance = uniqueInstance(name);
  const ready = Promise.withResolvers<void>();
  ready.promise.catch(() => undefined); // the failure is reported by the hook below; waiters still see it
  const server = { instance, ready: ready.promise } as TestServer & { instance: string; ready: Promise<void> };
  before(async () => {
    try {
      Object.assign(server, await startTestServer({ SLIPWAY_INSTANCE: instance, ...env }));
      ready.resolve();
    } catch (error) {
      ready.reject(error);
      throw error;
    }
  });
  after(async () => {
    await server.close?.();
    await assertNoSandboxesLeft(instance);
  });
  return server;
}
