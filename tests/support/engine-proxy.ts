// A unix socket in front of the sandbox engine that a test can cut and restore: to the server behind it, a cut
// looks like the engine going away (every connection drops, new ones are refused), as a restart of the
// engine does, without restarting the engine other tests share.
import Docker from 'dockerode';
import { createConnection, createServer, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface EngineProxy {
  /** A client of the engine through the proxy. */
  docker: Docker;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Proxies to the engine `engine` talks to (its unix socket). */
export async function startEngineProxy(engine: Docker): Promise<EngineProxy> {
  const target = await (engine.modem as unknown as { getSocketPath(): Promise<string> | undefined }).getSocketPath();
  if (!target) throw new Error('the engine proxy needs an engine on a unix socket');
  const dir = await mkdtemp(path.join(tmpdir(), 'slipway-engine-proxy-'));
  const socketPath = path.join(dir, 'docker.sock');
  const open = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = createConnection(target);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const cut = () => {
    up = false;
    for (const socket of open) socket.destroy();
  };
  return {
    docker: new Docker({ socketPath }),
    cut,
    restore() {
      up = true;
    },
    async close() {
      cut();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
