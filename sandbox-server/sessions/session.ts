// One learner's session: the sandbox container, its secret token, its terminals and its step progress.
import type Docker from 'dockerode';
import { timingSafeEqual } from 'node:crypto';
import type { Lesson } from '../../src/lesson-format/lesson-schema.ts';
import type { ServerMessage } from '../../src/shared/protocol.ts';
import { StepChecker } from '../checks/step-checker.ts';
import { runChecksIn } from '../checks/check-batch.ts';
import type { TerminalBridge } from '../terminal/terminal-bridge.ts';
import type { ShellSession } from '../terminal/shell-session.ts';
import { SessionNodes, type SessionNodesInit } from './session-nodes.ts';

export interface SessionInit {
  id: string;
  token: string;
  lesson: Lesson;
  container: Docker.Container;
  createdAt: Date;
  readyMs: number;
  checkTimeoutSeconds: number;
  endsAt: Date;
  /** What the session needs to start more nodes. */
  nodes: Pick<SessionNodesInit, 'docker' | 'instance' | 'spec' | 'mayAdd'>;
}

export class Session {
  readonly id: string;
  readonly lesson: Lesson;
  /** node1: terminals and checks run here unless told otherwise. */
  readonly container: Docker.Container;
  readonly nodes: SessionNodes;
  readonly createdAt: Date;
  readonly readyMs: number;
  readonly checker: StepChecker;
  readonly terminals = new Set<TerminalBridge>();
  /** Shells by id, attached or waiting out their reconnect grace period. */
  readonly shells = new Map<string, ShellSession>();
  /** Server-side listeners to every event sent to the terminals (a workshop recording progress). */
  readonly observers = new Set<(message: ServerMessage) => void>();
  lastActivity = Date.now();
  /** The hard end of the session (max lifetime), moved by extensions. */
  endsAt: Date;
  /** The secret that authorises every call on this session. */
  readonly token: string;

  constructor(init: SessionInit) {
    this.id = init.id;
    this.lesson = init.lesson;
    this.container = init.container;
    this.createdAt = init.createdAt;
    this.readyMs = init.readyMs;
    this.endsAt = init.endsAt;
    this.token = init.token;
    this.nodes = new SessionNodes({
      ...init.nodes,
      sessionId: init.id,
      node1: init.container,
      onPortsChange: (ports) => this.broadcast({ type: 'ports', ports }),
    });
    this.checker = new StepChecker(
      init.lesson.steps,
      (checks, stopAtFirstFailure, onOutcome) => runChecksIn(this.container, checks, init.checkTimeoutSeconds, stopAtFirstFailure, onOutcome),
      (event) => this.broadcast(event),
    );
  }

  hasToken(candidate: string): boolean {
    const given = Buffer.from(candidate);
    const own = Buffer.from(this.token);
    return given.length === own.length && timingSafeEqual(given, own);
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  broadcast(message: ServerMessage): void {
    for (const terminal of this.terminals) terminal.send(message);
    for (const observer of this.observers) observer(message);
  }
}
