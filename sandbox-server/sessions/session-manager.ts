// Creates, finds and ends sessions. Every sandbox carries labels, and every session with a sandbox has a
// record on disk: at start-up the server re-adopts its predecessor's live sandboxes and removes the rest.
// Idle sessions end after the configured timeout. New sessions take a pre-warmed sandbox from the pool when
// one is ready; when capacity is full they wait in a FIFO queue. Who may start, wait or warm is decided by
// the pure rules of capacity-model.ts over a snapshot (load()); what happens is told on `events`.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { Config } from '../config.ts';
import { createSandbox, sandboxName } from '../engine/sandbox-container.ts';
import { sandboxSpec } from '../engine/sandbox-spec.ts';
import type { NetworkFirewall } from '../engine/host-firewall.ts';
import { removeUnusedSessionNetworks } from '../engine/session-network.ts';
import type { HostFacts } from '../engine/host-facts.ts';
import { DomainError } from '../domain-error.ts';
import { errorMessage, log } from '../logger.ts';
import { SessionMetrics } from '../metrics/session-metrics.ts';
import { startDiskWatchdog, type DiskWatchdog } from './disk-watchdog.ts';
import { assertRoomOnDisk } from './disk-space.ts';
import { watchEngine, type EngineWatch } from '../engine/engine-events.ts';
import { engineFaultHandlers } from './engine-faults.ts';
import { readoptSandboxes, type AdoptedSession } from './readopt.ts';
import { SandboxPool } from './sandbox-pool.ts';
import { removeWarm, warmUp, type WarmSandbox } from './warm-sandbox.ts';
import { SessionQueue } from './session-queue.ts';
import { SessionStore, type SessionOwner, type SessionRecord } from './session-store.ts';
import { hashToken, Session } from './session.ts';
import { EndedReasons } from './ended-reasons.ts';
import { MAX_NODES } from './session-nodes.ts';
import * as capacity from './capacity-model.ts';
import { SessionEvents } from './session-events.ts';
import { startLessonNodes } from './lesson-nodes.ts';
import { prepareSandbox } from '../lessons/prepare-sandbox.ts';
import { fallbackImage } from '../../shared/lesson-format/lesson-runtime.ts';

type ManagerConfig = Pick<Config, 'SLIPWAY_IMAGE' | 'SLIPWAY_INSTANCE' | 'SLIPWAY_IDLE_TIMEOUT_S' | 'SLIPWAY_MAX_LIFETIME_S' | 'SLIPWAY_EXTEND_S' | 'SLIPWAY_SWEEP_INTERVAL_S' | 'SLIPWAY_READY_TIMEOUT_S' | 'SLIPWAY_CHECK_TIMEOUT_S' | 'SLIPWAY_MAX_SESSIONS' | 'SLIPWAY_POOL_SIZE' | 'SLIPWAY_SANDBOX_MEMORY' | 'SLIPWAY_SANDBOX_CPUS' | 'SLIPWAY_SANDBOX_PIDS' | 'SLIPWAY_NETWORK' | 'SLIPWAY_MAX_QUEUE' | 'SLIPWAY_SESSIONS_PER_CLIENT' | 'SLIPWAY_DATA_DIR' | 'SLIPWAY_SANDBOX_DISK' | 'SLIPWAY_DISK_CHECK_S' | 'SLIPWAY_RUNTIME' | 'SLIPWAY_LESSON_RUNTIME' | 'SLIPWAY_MIN_FREE_DISK'> &
  Partial<Pick<Config, 'SLIPWAY_SESSIONS_PER_ADDRESS' | 'SLIPWAY_NODES_PER_CLIENT' | 'SLIPWAY_MAX_TOTAL_LIFETIME_S'>>;

const newId = () => randomBytes(9).toString('base64url');

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly endings = new Set<Promise<void>>();
  private readonly queue = new SessionQueue();
  /** Sandboxes being started (or replaced) for sessions: new, dequeued or reset, a lesson's nodes included. */
  private starting = 0;
  private sweeper?: NodeJS.Timeout;
  private watchdog?: DiskWatchdog;
  private engineWatch?: EngineWatch;
  /** Where free disk space is checked before a new session: SLIPWAY_DATA_DIR and the engine's data root. */
  private diskPaths: string[];
  private readonly pool: SandboxPool;
  private readonly store: SessionStore;
  /** What happens to sessions, for the classroom and the metrics to follow. */
  readonly events = new SessionEvents();
  private readonly metricsOf = new SessionMetrics(this.events);
  private readonly limits: capacity.CapacityLimits;
  private readonly docker: Docker;
  private readonly config: ManagerConfig;
  private readonly lessons: Map<string, Lesson>;
  private readonly host: HostFacts;
  private readonly firewall: NetworkFirewall;
  /** Why recently ended sessions ended, for their pages reconnecting after the fact (bounded, oldest out first). */
  private readonly endedReasons = new EndedReasons();
  /** Extra warm sandboxes asked for by key (a workshop about to start), on top of SLIPWAY_POOL_SIZE. */
  private readonly reservations = new Map<string, number>();

  constructor(docker: Docker, config: ManagerConfig, lessons: Lesson[], host: HostFacts, firewall: NetworkFirewall) {
    this.docker = docker;
    this.firewall = firewall;
    this.config = config;
    this.lessons = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
    this.host = host;
    this.store = new SessionStore(config.SLIPWAY_DATA_DIR, config.SLIPWAY_INSTANCE);
    this.diskPaths = [config.SLIPWAY_DATA_DIR];
    this.limits = {
      maxSandboxes: config.SLIPWAY_MAX_SESSIONS,
      maxQueue: config.SLIPWAY_MAX_QUEUE,
      sessionsPerClient: config.SLIPWAY_SESSIONS_PER_CLIENT,
      sessionsPerAddress: config.SLIPWAY_SESSIONS_PER_ADDRESS ?? Infinity,
      nodesPerClient: config.SLIPWAY_NODES_PER_CLIENT ?? Infinity,
      maxNodes: MAX_NODES,
      poolSize: config.SLIPWAY_POOL_SIZE,
    };
    this.pool = new SandboxPool({
      size: config.SLIPWAY_POOL_SIZE,
      launch: () => this.launch(`pool-${newId()}`).then(warmUp),
      mayGrow: () => capacity.poolMayGrow(this.limits, this.load()),
      onAvailable: () => this.pump(),
    });
  }

  /** Re-adopts the previous run's live sandboxes, removes the rest, then starts the sweeps. */
  async start(): Promise<void> {
    const started = performance.now();
    const { adopted, reaped } = await readoptSandboxes(this.docker, this.config.SLIPWAY_INSTANCE, await this.store.load(), (record) => this.stillValid(record), this.firewall);
    for (const previous of adopted) this.adopt(previous);
    // Networks of sessions that were not re-adopted (their nodes were just removed) or left by a crash.
    await removeUnusedSessionNetworks(this.docker, this.config.SLIPWAY_INSTANCE, this.firewall);
    await this.persist();
    if (adopted.length + reaped > 0) log.info('sessions.readopted', { adopted: adopted.length, reaped, ms: Math.round(performance.now() - started) });
    const root = await this.docker.info().then((info: { DockerRootDir?: string }) => info.DockerRootDir, () => undefined);
    if (root) this.diskPaths.push(root); // measured only when that path is on this machine
    this.engineWatch = watchEngine(this.docker, this.config.SLIPWAY_INSTANCE, engineFaultHandlers({ sessions: () => this.all(), end: (id, reason) => this.end(id, reason), recyclePool: () => this.pool.recycle() }));
    this.sweeper = setInterval(() => void this.sweep(), this.config.SLIPWAY_SWEEP_INTERVAL_S * 1000);
    this.sweeper.unref();
    this.watchdog = startDiskWatchdog({
      intervalMs: this.config.SLIPWAY_DISK_CHECK_S * 1000,
      limitBytes: this.config.SLIPWAY_SANDBOX_DISK,
      sessions: () => [...this.sessions.values()],
      end: (session, reason) => this.end(session.id, reason),
    });
    this.pool.refill();
  }

  private stillValid(record: SessionRecord): boolean {
    const now = Date.now();
    return this.lessons.has(record.lesson) && Date.parse(record.endsAt) > now && record.lastActivity + this.config.SLIPWAY_IDLE_TIMEOUT_S * 1000 > now;
  }

  private adopt({ record, container, nodes }: AdoptedSession): void {
    const lesson = this.lessons.get(record.lesson);
    if (!lesson) return;
    const session = this.newSession({ id: record.id, tokenHash: Buffer.from(record.tokenHash, 'hex'), lesson, client: record.client, createdAt: new Date(record.createdAt), owner: record.owner });
    session.restore({ endsAt: new Date(record.endsAt), lastActivity: record.lastActivity, completed: record.completed });
    // Its port watchers start again with its nodes; its shells did not survive the restart.
    session.attachSandbox(container, nodes);
    session.markReady();
    this.sessions.set(session.id, session);
  }

  private newSession(init: { id: string; tokenHash: Buffer; lesson: Lesson; client: string; createdAt: Date; address?: string; owner?: SessionOwner | undefined }): Session {
    const { lesson } = init;
    const session: Session = new Session({
      ...init,
      ...(init.owner ? { owner: init.owner } : {}),
      endsAt: new Date(Date.now() + this.config.SLIPWAY_MAX_LIFETIME_S * 1000),
      checkTimeoutSeconds: this.config.SLIPWAY_CHECK_TIMEOUT_S,
      onChecked: ({ step, ok, output, requested }) => {
        this.events.emit('checked', { session, step, ok, output, requested: requested === true });
        if (ok) void this.persist(); // the progress is worth saving
      },
      nodes: {
        docker: this.docker,
        instance: this.config.SLIPWAY_INSTANCE,
        spec: (sandboxId) => sandboxSpec(this.config, this.host, this.config.SLIPWAY_INSTANCE, sandboxId, lesson),
        mayAdd: () => capacity.inUse(this.load()) < this.limits.maxSandboxes,
        firewall: this.firewall,
      },
    });
    return session;
  }

  private launch(sandboxId: string, lesson?: Lesson): Promise<Docker.Container> {
    return createSandbox(this.docker, sandboxSpec(this.config, this.host, this.config.SLIPWAY_INSTANCE, sandboxId, lesson));
  }

  /** The server's load now, as the capacity rules see it. */
  private load(): capacity.ServerLoad {
    return {
      sessions: [...this.sessions.values()].map((session) => ({
        client: session.client,
        address: session.address,
        state: session.state,
        lessonNodes: session.lesson.meta.nodes,
        // Beyond node1: a lesson's or the learner's extra nodes, running or starting (while starting too).
        extraNodes: session.hasSandbox ? session.nodes.extraCount : undefined,
      })),
      starting: this.starting,
      poolAvailable: this.pool.available,
      poolUnclaimed: this.pool.unclaimed,
      queued: this.queue.length,
    };
  }

  /** Sandboxes a session of `lesson` starts with. */
  private sandboxesFor(lesson: Lesson): number {
    return capacity.sandboxesFor(this.limits, lesson.meta.nodes);
  }

  /**
   * A ready sandbox named after the session: from the pool when one is warm (or warming), with its login shell
   * already started, else started now (no shell: the terminal starts it).
   */
  private async sandboxFor(sessionId: string, lesson: Lesson): Promise<WarmSandbox & { pooled: boolean }> {
    // The pool holds Docker sandboxes; a webcontainer lesson's fallback is a container of its own image.
    if (fallbackImage(lesson.meta)) return { container: await this.launch(sessionId, lesson), pooled: false };
    const warm = await this.pool.take();
    if (warm) {
      try {
        await warm.container.rename({ name: sandboxName(sessionId) });
        return { ...warm, pooled: true };
      } catch (error) {
        // A warm sandbox that cannot be handed over (it died while waiting) belongs to nobody: remove it.
        log.warn('pool.handover_failed', { error: errorMessage(error) });
        await removeWarm(warm).catch(() => undefined);
      }
    }
    return { container: await this.launch(sessionId), pooled: false };
  }

  /**
   * A new session for `client` (its remote address, or a workshop learner) coming from `address`: started now,
   * or queued when capacity is full.
   */
  async create(lessonSlug: string, client: string, address = client, owner?: SessionOwner): Promise<{ session: Session; token: string }> {
    const lesson = this.lessons.get(lessonSlug);
    if (!lesson) throw new DomainError('not-found', 'noLesson', { lesson: lessonSlug });
    if (lesson.meta.runtime === 'webcontainer' && this.config.SLIPWAY_LESSON_RUNTIME === 'webcontainer') {
      throw new DomainError('conflict', 'webcontainerOnly', { lesson: lessonSlug });
    }
    capacity.assertMayCreate(this.limits, this.load(), { client, address, lessonNodes: lesson.meta.nodes });
    await assertRoomOnDisk(this.diskPaths, this.config.SLIPWAY_MIN_FREE_DISK);
    const token = randomBytes(24).toString('base64url');
    const session = this.newSession({ id: newId(), tokenHash: hashToken(token), lesson, client, createdAt: new Date(), address, owner });
    if (capacity.placement(this.limits, this.load(), lesson.meta.nodes) === 'queue') {
      this.sessions.set(session.id, session);
      this.queue.push(session);
      log.info('session.queued', { id: session.id, lesson: lesson.slug, position: session.position });
      this.events.emit('queued', { session, position: session.position ?? 1 });
      return { session, token };
    }
    this.sessions.set(session.id, session);
    await this.startSandbox(session, false);
    return { session, token };
  }

  /** Gives the session its sandboxes; on failure the session ends and an `unavailable` DomainError says why. */
  private async startSandbox(session: Session, dequeued: boolean): Promise<void> {
    const started = performance.now();
    session.markStarting();
    try {
      const pooled = await this.provision(session);
      const readyMs = Math.round(performance.now() - started);
      // Lifetime and idle time count from a usable sandbox, not from the wait for it.
      session.started(readyMs, new Date(Date.now() + this.config.SLIPWAY_MAX_LIFETIME_S * 1000));
      log.info('session.created', { id: session.id, lesson: session.lesson.slug, readyMs, pooled, dequeued, waitedMs: dequeued ? Date.now() - session.createdAt.getTime() : 0 });
      this.events.emit('started', { session, readyMs, pooled, dequeued });
      await this.persist();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      log.error('session.create_failed', { id: session.id, lesson: session.lesson.slug, error: errorMessage(error) });
      this.events.emit('start-failed', { session, error: errorMessage(error) });
      await this.end(session.id, 'Your sandbox could not be started. Reload the page to try again.');
      throw new DomainError('unavailable', 'startFailed', { reason: errorMessage(error) });
    }
  }

  /**
   * Gives a starting session a fresh node1 (warm from the pool, or started now) prepared for its lesson (assets,
   * setup), then the lesson's other nodes. Returns whether node1 came from the pool. Capacity for every node is
   * held from the start, so neither the pool nor a queued session takes it meanwhile.
   */
  private async provision(session: Session): Promise<boolean> {
    let held = this.sandboxesFor(session.lesson);
    this.starting += held;
    try {
      const { container, pooled, shell } = await this.sandboxFor(session.id, session.lesson);
      // A failing lesson setup is the author's bug (lessons:test catches it): log it, the learner still gets a sandbox.
      await prepareSandbox(container, session.lesson).catch((error: unknown) => log.error('session.setup_failed', { id: session.id, lesson: session.lesson.slug, error: errorMessage(error) }));
      if (!this.sessions.has(session.id)) {
        await removeWarm({ container, shell });
        throw new DomainError('gone', 'endedWhileStarting');
      }
      session.attachSandbox(container);
      // A lesson setup may change what a login shell reads (~/.bashrc, /etc/profile.d): its first shell starts after it.
      if (shell && session.lesson.meta.setup) void shell.kill();
      else if (shell) session.shells.offer(shell);
      // The other nodes count as the session's own (SessionNodes.extraCount) from the moment they start; the
      // hand-over happens within this tick, so nobody can take their places in between.
      this.starting -= held - 1;
      held = 1;
      await startLessonNodes(session, () => this.end(session.id, "The lesson's nodes did not start. Reload the page to try again."));
      return pooled;
    } finally {
      this.starting -= held;
    }
  }

  /** Starts queued sessions, first come first served, while the first in line fits (nobody overtakes it). */
  private pump(): void {
    for (let next = this.queue.peek(); next && capacity.headFits(this.limits, this.load(), next.lesson.meta.nodes); next = this.queue.peek()) {
      this.queue.shift();
      this.startSandbox(next, true).catch(() => undefined); // logged, and the session ended, in startSandbox
    }
  }

  /**
   * Replaces every node of the session with fresh ones (node1, then the lesson's others): same id and token,
   * completed steps kept (the learner did them; the Reset dialog promises it), shells gone, extra nodes and the private network removed, lesson setup run again.
   * Terminals that lost their shell get fresh ones (sockets still waiting for the sandbox get theirs anyway).
   */
  async reset(session: Session): Promise<void> {
    if (session.state !== 'ready') throw new DomainError('conflict', 'resetNotReady');
    const released = session.shells.releaseAll();
    const old = session.releaseSandbox();
    try {
      // The old nodes keep their places while they are removed.
      const oldCount = old ? 1 + old.extraCount : 0;
      this.starting += oldCount;
      try {
        await old?.removeAll();
      } finally {
        this.starting -= oldCount;
      }
      await this.provision(session);
      session.markReady();
      log.info('session.reset', { id: session.id, nodes: session.nodes.names().length });
      this.events.emit('reset', { session });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      log.error('session.reset_failed', { id: session.id, error: errorMessage(error) });
      await this.end(session.id, 'Your sandbox could not be restarted. Reload the page for a fresh one.');
      throw new DomainError('unavailable', 'resetFailed', { reason: errorMessage(error) });
    }
    session.broadcast({ type: 'progress', completed: session.checker.completedSteps() });
    await this.persist();
    await session.shells.restart(released);
  }

  /** The session, if the token is its own; otherwise a `not-found` or `unauthorized` DomainError. */
  authorize(id: string, token: string | undefined): Session {
    const session = this.sessions.get(id);
    if (!session) throw new DomainError('not-found', 'noSession');
    if (!token || !session.hasToken(token)) throw new DomainError('unauthorized', 'sessionToken');
    session.touch();
    return session;
  }

  /** Why the session `id` ended, if it did lately and `token` is its own (a page reconnecting after the end). */
  endedReason(id: string, token: string | undefined): string | undefined {
    return this.endedReasons.reasonFor(id, token);
  }

  /** A `rate-limited` DomainError when `client` would hold more than SLIPWAY_NODES_PER_CLIENT nodes with `more` added. */
  assertNodeRoom(client: string, more = 1): void {
    capacity.assertNodeRoom(this.limits, this.load(), client, more);
  }

  /** When the session ends if nothing happens: idle timeout or max lifetime, whichever comes first. */
  expiresAt(session: Session): Date {
    return new Date(Math.min(session.lastActivity + this.config.SLIPWAY_IDLE_TIMEOUT_S * 1000, session.endsAt.getTime()));
  }

  /**
   * Moves the session's end by SLIPWAY_EXTEND_S, but never more than the max lifetime from now, nor beyond
   * SLIPWAY_MAX_TOTAL_LIFETIME_S from its start (extending forever would hold a sandbox forever).
   */
  extend(session: Session): Date {
    const total = session.createdAt.getTime() + (this.config.SLIPWAY_MAX_TOTAL_LIFETIME_S ?? Infinity) * 1000;
    const ceiling = Math.min(Date.now() + this.config.SLIPWAY_MAX_LIFETIME_S * 1000, total);
    session.extendTo(new Date(Math.min(session.endsAt.getTime() + this.config.SLIPWAY_EXTEND_S * 1000, ceiling)));
    void this.persist();
    return session.endsAt;
  }

  async end(id: string, reason: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.endedReasons.remember(id, session.tokenHash, reason);
    this.queue.remove(session);
    session.abandon(reason);
    void session.shells.endAll({ why: 'ended', reason });
    const nodes = session.hasSandbox ? session.nodes : undefined;
    this.events.emit('ended', { session, reason });
    const ending = Promise.all([this.persist(), nodes?.removeAll()]).then(() => {
      log.info('session.ended', { id, reason });
      this.pump(); // capacity freed: queued learners first, then the pool
      this.pool.refill();
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
    this.stopTimers();
    await Promise.allSettled([...[...this.sessions.keys()].map((id) => this.end(id, reason)), ...this.endings, this.pool.close()]);
    await this.store.close();
  }

  /**
   * Stops serving but leaves the sessions' sandboxes running, recorded on disk, for the next server start to
   * re-adopt. Shells end (screens do not survive a restart); terminals are told to reconnect; queued sessions,
   * which have nothing to keep, end.
   */
  async detachAll(reason: string): Promise<void> {
    this.stopTimers();
    const queued = [...this.sessions.values()].filter((session) => !session.hasSandbox);
    await Promise.allSettled([...queued.map((session) => this.end(session.id, 'The server restarted before your sandbox started: reload the page.')), ...this.endings]);
    await this.persist();
    await this.store.close();
    for (const session of this.sessions.values()) {
      await session.shells.endAll({ why: 'restart', reason });
      if (session.hasSandbox) session.nodes.detach();
    }
    this.sessions.clear();
    await this.pool.close();
  }

  private stopTimers(): void {
    clearInterval(this.sweeper);
    this.watchdog?.stop();
    this.engineWatch?.stop();
  }

  /** Writes the records of every session that has a sandbox. */
  private persist(): Promise<void> {
    return this.store.save([...this.sessions.values()].flatMap((session) => session.record() ?? []));
  }

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Every session: queued, starting and ready. */
  all(): Session[] {
    return [...this.sessions.values()];
  }

  /**
   * Keeps `count` more sandboxes warm for `key` (0 releases it), within capacity: a workshop pre-warms one
   * per expected learner so a whole class pressing Start together gets prompts at once.
   */
  reservePool(key: string, count: number): Promise<void> {
    if (count > 0) this.reservations.set(key, count);
    else this.reservations.delete(key);
    return this.pool.setTarget(capacity.poolTarget(this.limits, this.reservations.values()));
  }

  /** Warm sandboxes ready now, and being started. */
  poolState(): { ready: number; warming: number } {
    return { ready: this.pool.readyCount, warming: this.pool.warming };
  }

  metrics(): string {
    const states = [...this.sessions.values()].map((session) => session.state);
    return this.metricsOf.render({
      active: states.filter((state) => state === 'ready').length,
      starting: states.filter((state) => state === 'starting').length,
      queued: this.queue.length,
      poolReady: this.pool.readyCount,
      poolWarming: this.pool.warming,
      capacity: this.limits.maxSandboxes,
    });
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      const verdict = capacity.sweepVerdict(
        { state: session.state, endsAt: session.endsAt.getTime(), lastActivity: session.lastActivity, suspended: session.outageNotice !== undefined, watched: session.shells.hasClients },
        now,
        this.config.SLIPWAY_IDLE_TIMEOUT_S * 1000,
      );
      if (verdict === 'touch') session.touch();
      if (verdict !== 'time-limit' && verdict !== 'idle') continue;
      const reason = verdict === 'time-limit' ? 'Your session reached its time limit. Reload the page for a fresh sandbox.' : 'Your session ended after being idle. Reload the page for a fresh sandbox.';
      await this.end(session.id, reason).catch((error: unknown) => log.error('session.end_failed', { id: session.id, error: errorMessage(error) }));
    }
    await this.persist(); // last activity times
  }
}
