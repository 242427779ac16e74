// One learner's session: its sandbox container (once it has one), the hash of its secret token, its terminals
// and its step progress. A session may exist before its sandbox: it waits in the queue, then starts.
import type Docker from 'dockerode';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Lesson } from '../../src/lesson-format/lesson-schema.ts';
import type { ServerMessage } from '../../src/shared/protocol.ts';
import { StepChecker } from '../checks/step-checker.ts';
import { runChecksIn } from '../checks/check-batch.ts';
import { HttpError } from '../http/http-error.ts';
import type { TerminalBridge } from '../terminal/terminal-bridge.ts';
import type { ShellSession } from '../terminal/shell-session.ts';

export type SessionState = 'queued' | 'starting' | 'ready';

export interface SessionInit {
  id: string;
  /** sha256 of the token: the token itself is only ever in the creator's hands. */
  tokenHash: Buffer;
  lesson: Lesson;
  createdAt: Date;
  checkTimeoutSeconds: number;
  endsAt: Date;
  /** The remote address that created it (sessions per client). */
  client: string;
  /** A step was completed (the progress is worth saving). */
  onProgress?: () => void;
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export class Session {
  readonly id: string;
  readonly lesson: Lesson;
  readonly createdAt: Date;
  readonly client: string;
  readonly checker: StepChecker;
  readonly terminals = new Set<TerminalBridge>();
  /** Shells by id, attached or waiting out their reconnect grace period. */
  readonly shells = new Map<string, ShellSession>();
  lastActivity = Date.now();
  /** The hard end (max lifetime), moved by extensions. */
  endsAt: Date;
  state: SessionState = 'queued';
  /** Place in the queue (1 = next) while queued. */
  position?: number;
  /** Milliseconds from the request to a ready sandbox. */
  readyMs?: number;
  readonly tokenHash: Buffer;
  private sandbox?: Docker.Container;
  private gate = Promise.withResolvers<void>();

  constructor(init: SessionInit) {
    this.id = init.id;
    this.lesson = init.lesson;
    this.createdAt = init.createdAt;
    this.endsAt = init.endsAt;
    this.tokenHash = init.tokenHash;
    this.client = init.client;
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

  /** The sandbox; a 409 HttpError while the session is still waiting for it. */
  get container(): Docker.Container {
    if (!this.sandbox) throw new HttpError(409, 'This session is still waiting for its sandbox: try again once it is ready.');
    return this.sandbox;
  }

  get hasSandbox(): boolean {
    return this.sandbox !== undefined;
  }

  /** Resolves once the session has a ready sandbox; rejects if it ends first. */
  whenReady(): Promise<void> {
    return this.gate.promise;
  }

  setSandbox(container: Docker.Container): void {
    this.sandbox = container;
    this.state = 'ready';
    this.position = undefined;
    this.gate.resolve();
  }

  /** Gives up the sandbox (a reset is replacing it); whenReady() waits for the next one. */
  releaseSandbox(): Docker.Container | undefined {
    const old = this.sandbox;
    this.sandbox = undefined;
    this.state = 'starting';
    this.gate = Promise.withResolvers<void>();
    this.gate.promise.catch(() => undefined);
    return old;
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

  hasToken(candidate: string): boolean {
    return timingSafeEqual(hashToken(candidate), this.tokenHash);
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  broadcast(message: ServerMessage): void {
    for (const terminal of this.terminals) terminal.send(message);
  }
}
