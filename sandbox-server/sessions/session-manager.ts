// Creates, finds and ends sessions. Every sandbox carries labels, so containers left by a crashed server
// are found and removed at start-up; idle sessions end after the configured timeout. New sessions take a
// pre-warmed sandbox from the pool when one is ready. Capacity counts sessions, starts and warm sandboxes.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { Lesson } from '../../src/lesson-format/lesson-schema.ts';
import { CloseCode } from '../../src/shared/protocol.ts';
import type { Config } from '../config.ts';
import { createSandbox, listSandboxes, removeSandbox, sandboxName } from '../engine/sandbox-container.ts';
import { sandboxSpec } from '../engine/sandbox-spec.ts';
import { removeUnusedSessionNetworks } from '../engine/session-network.ts';
import type { HostFacts } from '../engine/host-facts.ts';
import { HttpError } from '../http/http-error.ts';
import { errorMessage, log } from '../logger.ts';
import { Histogram, renderMetrics } from '../metrics/metrics.ts';
import { SandboxPool } from './sandbox-pool.ts';
import { Session } from './session.ts';
import { startLessonNodes } from './lesson-nodes.ts';
import { prepareSandbox } from '../lessons/prepare-sandbox.ts';

type ManagerConfig = Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_INSTANCE' | 'SLIPWAY_IDLE_TIMEOUT_S' | 'SLIPWAY_MAX_LIFETIME_S' | 'SLIPWAY_EXTEND_S' | 'SLIPWAY_SWEEP_INTERVAL_S' | 'SLIPWAY_READY_TIMEOUT_S' | 'SLIPWAY_CHECK_TIMEOUT_S' | 'SLIPWAY_MAX_SESSIONS' | 'SLIPWAY_POOL_SIZE' | 'SLIPWAY_SANDBOX_MEMORY' | 'SLIPWAY_SANDBOX_CPUS' | 'SLIPWAY_SANDBOX_PIDS' | 'SLIPWAY_NETWORK'>;

const newId = () => randomBytes(9).toString('base64url');

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly endings = new Set<Promise<void>>();
  private starting = 0;
  private sweeper?: NodeJS.Timeout;
  private readonly pool: SandboxPool;
  private readonly createSeconds = new Histogram();
  private createFailures = 0;
  private readonly docker: Docker;
  private readonly config: ManagerConfig;
  private readonly lessons: Map<string, Lesson>;
  private readonly host: HostFacts;
  /** Extra warm sandboxes asked for by key (a workshop about to start), on top of SLIPWAY_POOL_SIZE. */
  private readonly reservations = new Map<string, number>();

  constructor(docker: Docker, config: ManagerConfig, lessons: Lesson[], host: HostFacts) {
    this.docker = docker;
    this.config = config;
    this.lessons = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
    this.host = host;
    this.pool = new SandboxPool({
      size: config.SLIPWAY_POOL_SIZE,
      launch: () => this.launch(`pool-${newId()}`),
      mayGrow: () => this.inUse() < config.SLIPWAY_MAX_SESSIONS,
    });
  }

  /** Removes sandboxes a previous server left behind, then starts the idle sweep. */
  async start(): Promise<void> {
    const orphans = await listSandboxes(this.docker, this.config.SLIPWAY_INSTANCE);
    await Promise.all(orphans.map((info) => removeSandbox(this.docker.getContainer(info.Id))));
    if (orphans.length > 0) log.info('sessions.orphans_removed', { count: orphans.length });
    await removeUnusedSessionNetworks(this.docker, this.config.SLIPWAY_INSTANCE);
    this.sweeper = setInterval(() => void this.sweepExpired(), this.config.SLIPWAY_SWEEP_INTERVAL_S * 1000);
    this.sweeper.unref();
    this.pool.refill();
  }

  private launch(sandboxId: string): Promise<Docker.Container> {
    return createSandbox(this.docker, sandboxSpec(this.config, this.host, this.config.SLIPWAY_INSTANCE, sandboxId));
  }

  private inUse(): number {
    let extraNodes = 0;
    for (const session of this.sessions.values()) extraNodes += session.nodes.extraCount;
    return this.sessions.size + extraNodes + this.starting + this.pool.readyCount + this.pool.warming;
  }

  /** A ready sandbox named after the session: from the pool when one is warm (or warming), else started now. */
  private async sandboxFor(sessionId: string): Promise<{ container: Docker.Container; pooled: boolean }> {
    const warm = await this.pool.take();
    if (warm) {
      try {
        await warm.rename({ name: sandboxName(sessionId) });
        return { container: warm, pooled: true };
      } catch (error) {
        // A warm sandbox that cannot be handed over (it died while waiting) belongs to nobody: remove it.
        log.warn('pool.handover_failed', { error: errorMessage(error) });
        await removeSandbox(warm).catch(() => undefined);
      }
    }
    // This request is already counted in `starting`: its sandbox would make inUse() containers.
    if (this.inUse() > this.config.SLIPWAY_MAX_SESSIONS) {
      throw new HttpError(503, 'Every sandbox on this server is in use: try again in a few minutes.');
    }
    return { container: await this.launch(sessionId), pooled: false };
  }

  async create(lessonSlug: string): Promise<Session> {
    const lesson = this.lessons.get(lessonSlug);
    if (!lesson) throw new HttpError(404, `No lesson "${lessonSlug}": pick one from the catalog at /.`);
    const id = newId();
    const started = performance.now();
    this.starting += 1;
    try {
      const { container, pooled } = await this.sandboxFor(id);
      // A failing lesson setup is the author's bug (lessons:test catches it): log it, the learner still gets a sandbox.
      await prepareSandbox(container, lesson).catch((error: unknown) => log.error('session.setup_failed', { id, lesson: lesson.slug, error: errorMessage(error) }));
      const readyMs = Math.round(performance.now() - started);
      this.createSeconds.observe(readyMs / 1000);
      const session = new Session({
        id,
        token: randomBytes(24).toString('base64url'),
        lesson,
        container,
        createdAt: new Date(),
        endsAt: new Date(Date.now() + this.config.SLIPWAY_MAX_LIFETIME_S * 1000),
        readyMs,
        checkTimeoutSeconds: this.config.SLIPWAY_CHECK_TIMEOUT_S,
        nodes: {
          docker: this.docker,
          instance: this.config.SLIPWAY_INSTANCE,
          spec: (sandboxId) => sandboxSpec(this.config, this.host, this.config.SLIPWAY_INSTANCE, sandboxId),
          mayAdd: () => this.inUse() < this.config.SLIPWAY_MAX_SESSIONS,
        },
      });
      this.sessions.set(id, session);
      await startLessonNodes(session, () => this.end(id, 'The lesson\'s nodes did not start.'));
      log.info('session.created', { id, lesson: lesson.slug, readyMs, pooled });
      return session;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      this.createFailures += 1;
      log.error('session.create_failed', { lesson: lesson.slug, error: errorMessage(error) });
      throw new HttpError(503, `Could not start a sandbox: ${errorMessage(error)}`);
    } finally {
      this.starting -= 1;
    }
  }

  /** The session, if the token is its own; otherwise a 404 or 401 HttpError. */
  authorize(id: string, token: string | undefined): Session {
    const session = this.sessions.get(id);
    if (!session) throw new HttpError(404, 'No such session: it ended or never existed. Start a new one.');
    if (!token || !session.hasToken(token)) throw new HttpError(401, 'Wrong or missing session token.');
    session.touch();
    return session;
  }

  /** When the session ends if nothing happens: idle timeout or max lifetime, whichever comes first. */
  expiresAt(session: Session): Date {
    return new Date(Math.min(session.lastActivity + this.config.SLIPWAY_IDLE_TIMEOUT_S * 1000, session.endsAt.getTime()));
  }

  /** Moves the session's end by SLIPWAY_EXTEND_S, but never more than the max lifetime from now. */
  extend(session: Session): Date {
    const ceiling = Date.now() + this.config.SLIPWAY_MAX_LIFETIME_S * 1000;
    session.endsAt = new Date(Math.min(session.endsAt.getTime() + this.config.SLIPWAY_EXTEND_S * 1000, ceiling));
    return session.endsAt;
  }

  async end(id: string, reason: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    for (const terminal of session.terminals) terminal.close(CloseCode.sessionEnded, reason);
    for (const shell of session.shells.values()) void shell.kill();
    const ending = session.nodes.removeAll().then(() => {
      log.info('session.ended', { id, reason });
      this.pool.refill(); // capacity freed
    });
    this.endings.add(ending);
    try {
      await ending;
    } finally {
      this.endings.delete(ending);
    }
  }

  /** Ends every session, and waits for endings already under way (an idle sweep, a DELETE). */
  async endAll(reason: string): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...[...this.sessions.keys()].map((id) => this.end(id, reason)), ...this.endings, this.pool.close()]);
  }

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /**
   * Keeps `count` more sandboxes warm for `key` (0 releases it), within capacity: a workshop pre-warms one
   * per expected learner so a whole class pressing Start together gets prompts at once.
   */
  reservePool(key: string, count: number): Promise<void> {
    if (count > 0) this.reservations.set(key, count);
    else this.reservations.delete(key);
    const reserved = [...this.reservations.values()].reduce((sum, value) => sum + value, 0);
    return this.pool.setTarget(this.config.SLIPWAY_POOL_SIZE + reserved);
  }

  /** Warm sandboxes ready now, and being started. */
  poolState(): { ready: number; warming: number } {
    return { ready: this.pool.readyCount, warming: this.pool.warming };
  }

  metrics(): string {
    return renderMetrics(
      [
        { name: 'slipway_sessions_active', help: 'Sessions running now.', type: 'gauge', value: this.sessions.size },
        { name: 'slipway_sessions_starting', help: 'Sessions whose sandbox is starting.', type: 'gauge', value: this.starting },
        { name: 'slipway_pool_ready', help: 'Warm sandboxes ready for the next session.', type: 'gauge', value: this.pool.readyCount },
        { name: 'slipway_pool_warming', help: 'Warm sandboxes being started.', type: 'gauge', value: this.pool.warming },
        { name: 'slipway_capacity', help: 'Sandboxes this server may run at once (SLIPWAY_MAX_SESSIONS).', type: 'gauge', value: this.config.SLIPWAY_MAX_SESSIONS },
        { name: 'slipway_session_create_failures_total', help: 'Sessions that failed to start.', type: 'counter', value: this.createFailures },
      ],
      [this.createSeconds.render('slipway_session_create_seconds', 'Time from request to a ready sandbox.')],
    );
  }

  private async sweepExpired(): Promise<void> {
    const now = Date.now();
    const idleCutoff = now - this.config.SLIPWAY_IDLE_TIMEOUT_S * 1000;
    for (const session of this.sessions.values()) {
      const reason =
        session.endsAt.getTime() <= now ? 'Your session reached its time limit. Reload the page for a fresh sandbox.'
        : session.lastActivity < idleCutoff ? 'Your session ended after being idle. Reload the page for a fresh sandbox.'
        : undefined;
      if (!reason) continue;
      await this.end(session.id, reason).catch((error: unknown) => log.error('session.end_failed', { id: session.id, error: errorMessage(error) }));
    }
  }
}
