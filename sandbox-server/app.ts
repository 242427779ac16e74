// Composes the server: engine facts, lessons, sessions and the classroom (the domain), then the HTTP listeners
// (http/http-listeners.ts) that translate it for the site and the preview origin.
import type { Server } from 'node:http';
import type Docker from 'dockerode';
import type { Config } from './config.ts';
import { loadLessons } from '../shared/lesson-format/load-lessons.ts';
import { probeHost, type HostFacts } from './engine/host-facts.ts';
import { applyFirewallSetting, networkFirewall, type FirewallState } from './engine/host-firewall.ts';
import { Classroom } from './classroom/classroom.ts';
import { createHttpListeners } from './http/http-listeners.ts';
import { setLogLevel } from './logger.ts';
import { SessionManager } from './sessions/session-manager.ts';

export interface App {
  server: Server;
  /** The preview listener (SLIPWAY_PREVIEW_PORT): learners' apps, on an origin of their own. */
  previewServer: Server;
  config: Config;
  sessions: SessionManager;
  classroom: Classroom;
  host: HostFacts;
  /** Whether host firewall rules keep sandboxes from the host and cloud metadata. */
  firewall: FirewallState;
  /**
   * Stops the server. By default every session ends; with `keepSessions` their sandboxes keep running for
   * the next start of this instance (same SLIPWAY_INSTANCE and SLIPWAY_DATA_DIR) to re-adopt.
   */
  close(options?: { keepSessions?: boolean }): Promise<void>;
}

export async function createApp(docker: Docker, config: Config): Promise<App> {
  setLogLevel(config.SLIPWAY_LOG);
  const lessons = await loadLessons(config.SLIPWAY_LESSONS_DIR);
  const host = await probeHost(docker, config);
  const firewall = await applyFirewallSetting(docker, config, host.registryMirror, host.routing);
  const sessions = new SessionManager(docker, config, lessons, host, networkFirewall(docker, firewall, host.routing));
  await sessions.start();
  const classroom = new Classroom(config.SLIPWAY_DATA_DIR, lessons, sessions);
  const { server, previewServer, stopListening, dropConnections } = createHttpListeners({ docker, config, lessons, sessions, classroom });

  return {
    server,
    previewServer,
    config,
    sessions,
    classroom,
    host,
    firewall,
    async close(options = {}) {
      // Stop accepting first; end (4410) or detach (1012) sessions, with a reason; then drop what is left.
      const closed = stopListening();
      if (options.keepSessions) await sessions.detachAll('The server is restarting: reconnecting.');
      else await sessions.endAll('The server is shutting down.');
      dropConnections();
      await closed;
      classroom.close();
    },
  };
}
