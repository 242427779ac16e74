// The shells of one session, owned by it: started, adopted (node1's login shell pre-started with a warm
// sandbox), replaced after a reset and ended with the session. A terminal connection (a ShellClient: the
// websocket bridge) only asks for a shell and pipes it; it never starts or ends one.
import type Docker from 'dockerode';
import { SHELL_LIMITS, type ServerMessage } from '../../shared/contracts/protocol.ts';
import { DomainError } from '../domain-error.ts';
import { errorMessage, log } from '../logger.ts';
import { ShellSession, type ShellEvents } from '../terminal/shell-session.ts';


/** Why a terminal is sent away: its session ended, the server restarts, or it was refused (no node, too many shells…). */
export type ClientEnding = { why: 'ended' | 'restart'; reason: string } | { why: 'refused'; error: DomainError };

/** A terminal connection, as the session sees it (http/terminal-bridge.ts is the websocket one). */
export interface ShellClient {
  /** The node its shells run on. */
  readonly node: string;
  attach(shell: ShellSession, restored: boolean): Promise<void>;
  /** Lets go of its shell but stays connected (a reset); false when it had none yet. */
  releaseShell(): boolean;
  send(message: ServerMessage): void;
  end(ending: ClientEnding): void;
}

/** What the shells need of their session. */
export interface ShellHost {
  readonly id: string;
  /** The container of a node of the session; undefined when it has no such node. */
  container(node: string): Docker.Container | undefined;
  nodeNames(): string[];
  /** What a terminal shows beside a new shell: the completed steps and the published ports. */
  stateFrames(): ServerMessage[];
  /** A command finished in one of the shells (its steps may be done now). */
  commandDone(): void;
}

export class SessionShells {
  /** Shells by id, attached or waiting out their reconnect grace period. */
  private readonly shells = new Map<string, ShellSession>();
  private readonly clients = new Set<ShellClient>();
  /** node1's login shell started with its warm sandbox, until a terminal on node1 adopts it (also in `shells`). */
  private preStarted?: ShellSession;
  private readonly host: ShellHost;

  constructor(host: ShellHost) {
    this.host = host;
  }

  get size(): number {
    return this.shells.size;
  }

  get(id: string): ShellSession | undefined {
    return this.shells.get(id);
  }

  /** The shell started last, if any (the one an instructor watches). */
  latest(): ShellSession | undefined {
    return [...this.shells.values()].at(-1);
  }

  get hasClients(): boolean {
    return this.clients.size > 0;
  }

  /** A terminal connected: it hears the session's events until it leaves. */
  join(client: ShellClient): void {
    this.clients.add(client);
  }

  leave(client: ShellClient): void {
    this.clients.delete(client);
  }

  broadcast(message: ServerMessage): void {
    for (const client of this.clients) client.send(message);
  }

  /**
   * Keeps node1's pre-started shell for the first terminal on node1. Its prompt markers trigger no check until
   * then (nobody would see it); like every shell of the session, it is killed with the session or by a reset.
   */
  offer(shell: ShellSession): void {
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

  /** Gives a joined client (the sandbox is ready) the shell `shellId` if it is still alive, else a fresh one. */
  async connect(client: ShellClient, shellId: string | null): Promise<void> {
    if (!this.clients.has(client)) return; // it left while the session waited for its sandbox
    const alive = shellId ? this.shells.get(shellId) : undefined;
    if (!alive) return this.start(client);
    try {
      await client.attach(alive, true);
      for (const frame of this.host.stateFrames()) client.send(frame);
    } catch (error) {
      this.failed(client, error);
    }
  }

  /**
   * Gives the client a fresh shell on its node (a new terminal, or after a reset): node1's pre-started shell
   * when there is one, its screen (the first prompt) sent as a snapshot.
   */
  async start(client: ShellClient): Promise<void> {
    try {
      const container = this.host.container(client.node);
      if (!container) return client.end({ why: 'refused', error: new DomainError('not-found', 'noNode', { node: client.node.slice(0, 20), nodes: this.host.nodeNames().join(', ') }) });
      const preStarted = client.node === 'node1' ? this.takePreStarted() : undefined;
      if (preStarted) {
        preStarted.handOver(this.events());
        await client.attach(preStarted, true);
      } else {
        if (!this.makeRoom(container)) return client.end({ why: 'refused', error: new DomainError('rate-limited', 'tooManyShells', { node: client.node }) });
        const shell = new ShellSession(container, this.events());
        this.shells.set(shell.id, shell);
        // Attached before it starts, so the shell's first bytes (its prompt) reach the client.
        await client.attach(shell, false);
        await shell.start();
      }
      for (const frame of this.host.stateFrames()) client.send(frame);
    } catch (error) {
      this.failed(client, error);
    }
  }

  /** A reset is replacing the nodes: every shell ends; returns the clients that lost theirs, for restart(). */
  releaseAll(): ShellClient[] {
    const released = [...this.clients].filter((client) => client.releaseShell());
    void this.killAll(); // never rejects (allSettled); the old nodes are removed next, shells or not
    return released;
  }

  /** Gives clients released by a reset fresh shells on the new nodes. */
  async restart(clients: ShellClient[]): Promise<void> {
    await Promise.all(clients.filter((client) => this.clients.has(client)).map((client) => this.start(client)));
  }

  /** Sends every client away and ends every shell; resolves once the shells are gone. */
  async endAll(ending: ClientEnding): Promise<void> {
    for (const client of this.clients) client.end(ending);
    await this.killAll();
  }

  private killAll(): Promise<unknown> {
    return Promise.allSettled([...this.shells.values()].map((shell) => shell.kill()));
  }

  /**
   * Whether one more shell may start on the node: within the per-node and per-session caps, after ending the
   * oldest shells nobody is attached to (left by reloads) if need be.
   */
  private makeRoom(container: Docker.Container): boolean {
    const crowded = () => {
      const shells = [...this.shells.values()];
      return shells.length >= SHELL_LIMITS.perSession || shells.filter((shell) => shell.runsIn(container)).length >= SHELL_LIMITS.perNode;
    };
    const shells = [...this.shells.values()];
    for (const shell of [...shells.filter((candidate) => candidate.runsIn(container)), ...shells.filter((candidate) => !candidate.runsIn(container))]) {
      if (!crowded()) return true;
      if (shell.detached) void shell.kill(); // leaves this.shells at once
    }
    return !crowded();
  }

  /** A shell of the session runs the checks after each command and leaves the list when gone. */
  private events(): ShellEvents {
    return { onCommandDone: () => this.host.commandDone(), onGone: (gone) => this.shells.delete(gone.id) };
  }

  private failed(client: ShellClient, error: unknown): void {
    log.error('terminal.start_failed', { id: this.host.id, error: errorMessage(error) });
    client.end({ why: 'refused', error: new DomainError('unavailable', 'shellFailed') });
  }
}
