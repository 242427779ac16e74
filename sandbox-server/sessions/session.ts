// One learner's session: its nodes (node1, its sandbox, and any more once it has one), the hash of its secret
// token, its terminals and its step progress. A session may exist before its sandbox: it waits in the queue,
// then starts; a reset swaps every node for fresh ones.
import type Docker from 'dockerode';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { CheckEvent, ServerMessage } from '../../shared/contracts/protocol.ts';
import { StepChecker } from '../../shared/checks/step-checker.ts';
import { RateLimiter } from '../classroom/rate-limiter.ts';
import { runChecksIn } from '../checks/check-batch.ts';
import { DomainError } from '../domain-error.ts';
import { errorMessage, log } from '../logger.ts';
import type { ShellSession } from '../terminal/shell-session.ts';
import { SessionShells, type ShellClient } from './session-shells.ts';
import { SessionNodes, type AdoptedNodes, type SessionNodesInit } from './session-nodes.ts';
import type { SessionOwner, SessionRecord } from './session-store.ts';

export type SessionState = 'queued' | 'starting' | 'ready';

export interface SessionInit {
  id: string;
  /** sha256 of the token: the token itself is only ever in the creator's hands. */
  tokenHash: Buffer;
  lesson: Lesson;
  createdAt: Date;
  checkTimeoutSeconds: number;
  endsAt: Date;
  /** Whose it is: the remote address that created it, or a workshop learner (sessions per client). */
  client: string;
  /** The client address it was created from (sessions per address); the client when not given. */
  address?: string;
  /** Who it belongs to beyond its client, when someone follows it (a workshop's learner). */
  owner?: SessionOwner;
  /** A step was checked (asked for or automatic); `ok` completed it. */
  onChecked(check: CheckEvent): void;
  /** What the session needs to start more nodes. */
  nodes: Pick<SessionNodesInit, 'docker' | 'instance' | 'spec' | 'mayAdd' | 'firewall'>;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Checks a learner may ask for (the Check button, the API): a few at once, then one a second. */
const CHECK_REQUESTS = { burst: 10, perMinute: 60 };
export const TOO_MANY_CHECKS = new DomainError('rate-limited', 'tooManyChecks').message;

export class Session {
  readonly id: string;
  readonly lesson: Lesson;
  readonly createdAt: Date;
  readonly client: string;
  readonly address: string;
  readonly owner?: SessionOwner;
  readonly checker: StepChecker;
  /** Its terminals and their shells. */
  readonly shells: SessionShells;
  // Changed only through this class's methods: the manager and the routes read them.
  private activeAt = Date.now();
  private hardEnd: Date;
  private phase: SessionState = 'queued';
  private place?: number;
  private startMs?: number;
  readonly tokenHash: Buffer;
  private sandbox?: { node1: Docker.Container; nodes: SessionNodes };
  private gate = Promise.withResolvers<void>();
  /** While its engine is unreachable: the sentence every terminal hears (also on connecting). */
  private outage?: string;
  private readonly checkRequests = new RateLimiter(CHECK_REQUESTS);
  private readonly nodesInit: SessionInit['nodes'];

  constructor(init: SessionInit) {
    this.id = init.id;
    this.lesson = init.lesson;
    this.createdAt = init.createdAt;
    this.hardEnd = init.endsAt;
    this.tokenHash = init.tokenHash;
    this.client = init.client;
    this.address = init.address ?? init.client;
    if (init.owner) this.owner = init.owner;
    this.nodesInit = init.nodes;
    this.gate.promise.catch(() => undefined); // a session that ends while waiting rejects its gate
    this.shells = new SessionShells({
      id: this.id,
      container: (node) => this.sandbox?.nodes.container(node),
      nodeNames: () => this.nodeNames(),
      stateFrames: () => [
        { type: 'progress', completed: this.checker.completedSteps() },
        { type: 'ports', ports: this.sandbox?.nodes.ports() ?? [] },
      ],
      commandDone: () => {
        if (this.state !== 'ready') return; // a reset is replacing the sandbox
        this.checker.trigger().catch((error: unknown) => log.warn('checks.failed', { id: this.id, error: errorMessage(error) }));
      },
    });
    this.checker = new StepChecker(
      init.lesson.steps,
      (checks, stopAtFirstFailure, onOutcome) => runChecksIn(this.container, checks, init.checkTimeoutSeconds, stopAtFirstFailure, onOutcome),
      (event) => {
        this.broadcast(event);
        init.onChecked(event);
      },
    );
  }

  /** node1, the sandbox terminals and checks run in unless told otherwise; a `conflict` DomainError while waiting for it. */
  get container(): Docker.Container {
    if (!this.sandbox) throw new DomainError('conflict', 'stillWaiting');
    return this.sandbox.node1;
  }

  /** Every node of the session (node1 first); a `conflict` DomainError while waiting for its sandbox. */
  get nodes(): SessionNodes {
    if (!this.sandbox) throw new DomainError('conflict', 'stillWaiting');
    return this.sandbox.nodes;
  }

  /** When the learner last did something (ms since the epoch). */
  get lastActivity(): number {
    return this.activeAt;
  }

  /** The hard end (max lifetime), moved by extensions. */
  get endsAt(): Date {
    return this.hardEnd;
  }

  get state(): SessionState {
    return this.phase;
  }

  /** Place in the queue (1 = next) while queued. */
  get position(): number | undefined {
    return this.place;
  }

  /** Milliseconds from the request to a ready sandbox. */
  get readyMs(): number | undefined {
    return this.startMs;
  }

  /** Moves the hard end (an extension). */
  extendTo(endsAt: Date): void {
    this.hardEnd = endsAt;
  }

  /** A re-adopted session takes up where its record left off. */
  restore(record: { endsAt: Date; lastActivity: number; completed: string[] }): void {
    this.hardEnd = record.endsAt;
    this.activeAt = record.lastActivity;
    for (const step of record.completed) if (this.checker.hasStep(step)) this.checker.completed.add(step);
  }

  /** Its sandbox is on its way (dequeued, or a new session with room). */
  markStarting(): void {
    this.phase = 'starting';
  }

  /** Its first sandbox is ready after `readyMs`: its lifetime and idle time count from now. */
  started(readyMs: number, endsAt: Date): void {
    this.startMs = readyMs;
    this.hardEnd = endsAt;
    this.markReady();
    this.touch();
  }

  get hasSandbox(): boolean {
    return this.sandbox !== undefined;
  }

  /** Node names, node1 first; none while the session waits for its sandbox. */
  nodeNames(): string[] {
    return this.sandbox?.nodes.names() ?? [];
  }

  /** Resolves once the session has a ready sandbox; rejects if it ends first. */
  whenReady(): Promise<void> {
    return this.gate.promise;
  }

  /**
   * Gives the session its sandbox as node1 (and, when re-adopted, the other nodes it had). The session stays
   * `starting` until markReady(): a lesson's further nodes may still be on their way.
   */
  attachSandbox(node1: Docker.Container, adopted?: AdoptedNodes): void {
    const nodes = new SessionNodes({
      ...this.nodesInit,
      sessionId: this.id,
      node1,
      adopted,
      onPortsChange: (ports) => {
        this.broadcast({ type: 'ports', ports });
        // A server that starts listening may complete a step while its command still holds the prompt (npm start).
        if (this.state === 'ready') void this.checker.trigger().catch(() => undefined);
      },
    });
    this.sandbox = { node1, nodes };
  }

  markReady(): void {
    this.phase = 'ready';
    this.place = undefined;
    this.gate.resolve();
  }

  /** Its engine stopped answering: terminals wait (whenReady) and hear `notice`; the sandbox may yet survive. */
  suspend(notice: string): void {
    if (this.state !== 'ready' || this.outage) return;
    this.outage = notice;
    this.gate = Promise.withResolvers<void>();
    this.gate.promise.catch(() => undefined);
    this.broadcast({ type: 'notice', level: 'warning', message: notice });
  }

  /** Its engine is back and every node survived: waiting terminals get their shells. */
  resume(notice: string): void {
    if (!this.outage) return;
    this.outage = undefined;
    this.gate.resolve();
    this.broadcast({ type: 'notice', level: 'info', message: notice });
  }

  /** The sentence about the engine outage the session is waiting out, if it is. */
  get outageNotice(): string | undefined {
    return this.outage;
  }

  /** Gives up every node (a reset is replacing them, the caller removes them); whenReady() waits for the next. */
  releaseSandbox(): SessionNodes | undefined {
    const old = this.sandbox?.nodes;
    this.sandbox = undefined;
    this.phase = 'starting';
    this.gate = Promise.withResolvers<void>();
    this.gate.promise.catch(() => undefined);
    // The old nodes' ports are gone with them; the new nodes announce theirs.
    if (old && old.ports().length > 0) this.broadcast({ type: 'ports', ports: [] });
    return old;
  }

  /** The pre-started shell for a terminal to adopt, once; undefined when there is none (or it is gone). */
  takePreStarted(): ShellSession | undefined {
    return this.shells.takePreStarted();
  }

  /**
   * A terminal connected: it hears the session's events, waits for the sandbox (queued, starting or resetting),
   * then gets the shell `shellId` back if it is alive, else a fresh one. If the session ends first, its end
   * sent the client away.
   */
  async connect(client: ShellClient, shellId: string | null): Promise<void> {
    this.shells.join(client);
    if (this.position !== undefined) client.send({ type: 'queue', position: this.position });
    if (this.outage) client.send({ type: 'notice', level: 'warning', message: this.outage });
    if (await this.whenReady().then(() => true, () => false)) await this.shells.connect(client, shellId);
  }

  /** The session ended: anybody waiting for its sandbox hears why. */
  abandon(reason: string): void {
    this.gate.reject(new Error(reason));
  }

  setPosition(position: number): void {
    if (this.place === position) return;
    this.place = position;
    this.broadcast({ type: 'queue', position });
  }

  /** Whether one more asked-for check may run now (automatic checks after commands are not counted). */
  mayCheck(): boolean {
    return this.checkRequests.take(this.id);
  }

  /** What survives a server restart: its record on disk, once it has a sandbox (a queued session has nothing to keep). */
  record(): SessionRecord | undefined {
    if (!this.sandbox) return undefined;
    return {
      id: this.id,
      tokenHash: this.tokenHash.toString('hex'),
      lesson: this.lesson.slug,
      client: this.client,
      containerId: this.sandbox.node1.id,
      completed: this.checker.completedSteps(),
      createdAt: this.createdAt.toISOString(),
      endsAt: this.hardEnd.toISOString(),
      lastActivity: this.activeAt,
      ...(this.owner ? { owner: this.owner } : {}),
    };
  }

  hasToken(candidate: string): boolean {
    return timingSafeEqual(hashToken(candidate), this.tokenHash);
  }

  touch(): void {
    this.activeAt = Date.now();
  }

  broadcast(message: ServerMessage): void {
    this.shells.broadcast(message);
  }
}
