// The real server as its own process (node sandbox-server/main.ts), for tests that crash it with kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ServerProcess {
  url: string;
  wsUrl: string;
  /** SIGKILL: no shutdown code runs, exactly as a crash or an OOM kill. */
  crash(): Promise<void>;
  /** SIGTERM: the normal stop (sessions are kept for the next start). */
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['sandbox-server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SLIPWAY_POOL_SIZE: '0', SLIPWAY_SESSIONS_PER_CLIENT: '100', SLIPWAY_LOG: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /"event":"server\.listening".*?"port":(\d+)/.exec(output);
      if (listening) resolve(Number(listening[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${output.slice(-2000)}`)));
  });
  const exited = once(child, 'exit');
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}`, crash: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
