// Starts the real sandbox server in-process on a free port, against the real Docker engine.
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../sandbox-server/app.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const docker = connectDocker();
  // No warm pool unless a test asks for one: parallel test files would each keep sandboxes running.
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', SLIPWAY_POOL_SIZE: '0', ...env });
  const app = await createApp(docker, config);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, close: () => app.close() };
}
