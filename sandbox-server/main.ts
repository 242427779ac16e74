// Entry point: node sandbox-server/main.ts [--help]
import { configHelp, loadConfig } from './config.ts';
import { connectDocker, engineStatus } from './engine/docker.ts';
import { createApp } from './app.ts';
import { errorMessage, log } from './logger.ts';
import { listenRefusal } from './isolation-policy.ts';
import { isLoopback } from './http/loopback.ts';

if (process.argv.includes('--help')) {
  console.log(configHelp());
  process.exit(0);
}

try {
  const config = loadConfig();
  const refusal = listenRefusal(config);
  if (refusal) throw new Error(refusal);
  const docker = connectDocker(config);
  const engine = await engineStatus(docker);
  if (!engine.ok) throw new Error(config.SLIPWAY_ISOLATION === 'userns' ? `${engine.reason} (SLIPWAY_ISOLATION=userns runs sandboxes on Slipway's own engine; SLIPWAY_ISOLATION=trusted uses the host engine)` : engine.reason);
  const app = await createApp(docker, config);
  const previewPort = config.SLIPWAY_PREVIEW_PORT ?? (config.PORT === 0 ? 0 : config.PORT + 1);
  app.previewServer.on('error', (error) => {
    console.error(`slipway: the preview listener could not start on port ${previewPort}: ${errorMessage(error)}. Set SLIPWAY_PREVIEW_PORT to a free port.`);
    process.exit(1);
  });
  app.previewServer.listen(previewPort, config.HOST);
  if (!isLoopback(config.HOST) && !config.SLIPWAY_OPERATOR_TOKEN) log.warn('workshops.no_operator_token', { advice: 'creating workshops is refused until SLIPWAY_OPERATOR_TOKEN is set' });
  app.server.listen(config.PORT, config.HOST, () => {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    log.info('server.listening', { host: config.HOST, port, engine: engine.version, isolation: config.SLIPWAY_ISOLATION, remappedRoot: app.host.remap?.uid ?? 0, privileged: app.host.privileged, dns: app.host.dns, registryMirror: app.host.registryMirror ?? null });
    console.log(`\n  Slipway is running: http://${host}:${port}/\n`);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    // Sessions survive a restart: their sandboxes stay up for the next start to re-adopt.
    void app.close({ keepSessions: true }).finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(`slipway: ${errorMessage(error)}`);
  process.exit(1);
}
