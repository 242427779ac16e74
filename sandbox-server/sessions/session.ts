// One learner's session: its nodes (node1, its sandbox, and any more once it has one), the hash of its secret
// token, its terminals and its step progress. A session may exist before its sandbox: it waits in the queue,
// then starts; a reset swaps every node for fresh ones.
import type Docker from 'dockerode';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import type { ServerMessage } from '../../shared/contracts/protocol.ts';
import { StepChecker } from '../../shared/checks/step-checker.ts';
import { RateLimiter } from '../classroom/rate-limiter.ts';
import { runChecksIn } from '../checks/check-batch.ts';
import { codedError } from '../http/http-error.ts';
import type { TerminalBridge } from '../terminal/terminal-bridge.ts';
import type { ShellSession } from '../terminal/shell-session.ts';
import { SessionNodes, type AdoptedNodes, type SessionNodesInit } from './session-nodes.ts';

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
  /** A step was completed (the progress is worth saving). */
  onProgress?: () => void;
  /** What the session needs to start more nodes. */
  nodes: Pick<SessionNodesInit, 'docker' | 'instance' | 'spec' | 'mayAdd' | 'firewall'>;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Checks a learner may ask for (the Check button, the API): a few at once, then one a second. */
const CHECK_REQUESTS = { burst: 10, perMinute: 60 };
export const TOO_MANY_CHECKS = 'Too many checks asked for at once: wait a few seconds and check again.';

export class Session {
  readonly id: string;
  readonly lesson: Lesson;
  readonly createdAt: Date;
  readonly client: string;
  readonly address: string;
  readonly checker: StepChecker;
  readonly terminals = new Set<TerminalBridge>();
  /** Shells by id, attached or waiting out their reconnect grace period. */
  readonly shells = new Map<string, ShellSession>();
  /** Server-side listeners to every event sent to the terminals (a workshop recording progress). */
  readonly observers = new Set<(message: ServerMessage) => void>();
  lastActivity = Date.now();
  /** The hard end (max lifetime), moved by extensions. */
  endsAt: Date;
  state: SessionState = 'queued';
  /** Place in the queue (1 = next) while queued. */
  position?: number;
  /** Milliseconds from the request to a ready sandbox. */
  readyMs?: number;
  readonly tokenHash: Buffer;
  /** node1's login shell started with its warm sandbox, until a terminal on node1 adopts it (also in `shells`). */
  private preStarted?: ShellSession;
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
    this.endsAt = init.endsAt;
    this.tokenHash = init.tokenHash;
    this.client = init.client;
    this.address = init.address ?? init.client;
    this.nodesInit = init.nodes;
    this.gate.promise.catch(() => undefined); // a session that ends while waiting rejects its gate
    this.checker = new StepChecker(
      init.lesson.steps,
      (checks, stopAtFirstFailure, onOutcome) => runChecksIn(this.container, checks, init.checkTimeoutSeconds, stopAtFirstFailure, onOutcome),
      (event) => {
        this.broadcast(event);
        if (event.ok) init.onProgress?.();
      },
    );
  }

  /** node1, the sandbox terminals and checks run in unless told otherwise; a 409 HttpError while waiting for it. */
  get container(): Docker.Container {
    if (!this.sandbox) throw codedError(409, 'stillWaiting');
    return this.sandbox.node1;
  }

  /** Every node of the session (node1 first); a 409 HttpError while waiting for its sandbox. */
  get nodes(): SessionNodes {
    if (!this.sandbox) throw codedError(409, 'stillWaiting');
    return this.sandbox.nodes;
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
    this.state = 'ready';
    this.position = undefined;
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
    this.state = 'starting';
    this.gate = Promise.withResolvers<void>();
    this.gate.promise.catch(() => undefined);
    // The old nodes' ports are gone with them; the new nodes announce theirs.
    if (old && old.ports().length > 0) this.broadcast({ type: 'ports', ports: [] });
    return old;
  }

  /**
   * Keeps node1's pre-started shell for the first terminal on node1. Its prompt markers trigger no check until
   * then (nobody would see it); like every shell of the session, it is killed with the session or by a reset.
   */
  offerShell(shell: ShellSession): void {
    shell.handOver({ onCommandDone: () => undefined, onGone: (gone) => this.shells.delete(gone.id) });
    this.shells.set(shell.id, shell);
    this.preStarted = shell;
  }

  /** The pre-started shell for a terminal to adopt, once; undefined when there is none (or it is gone). */
  takePreStarted(): ShellSession | undefined {
    const shell = this.preStarted;
    this.preStarted = undefined;
    return shell?.alive ? shell : undefined;
  }

  /** The session ended: anybody waiting for its sandbox hears why. */
  abandon(reason: string): void {
    this.gate.reject(new Error(reason));
  }

  setPosition(position: number): void {
    if (this.position === position) return;
    this.position = position;
    this.broadcast({ type: 'queue', position });
  }

  /** Whether one more asked-for check may run now (automatic checks after commands are not counted). */
  mayCheck(): boolean {
    return this.checkRequests.take(this.id);
  }

  hasToken(candidate: string): boolean {
    return timingSafeEqual(hashToken(candidate), this.tokenHash);
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  broadcast(message: ServerMessage): void {
    for (const terminal of this.terminals) terminal.send(message);
    for (const observer of this.observers) observer(message);
  }
}
