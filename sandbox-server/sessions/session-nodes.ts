// The nodes of one session: node1 (the session's sandbox) and up to four more, each its own Docker-in-Docker
// machine with its hostname. The first extra node moves the session onto a private network (created then,
// removed with the session), so nodes reach each other by name and swarm/overlay traffic flows between them.
// Also follows every node's published ports for the preview proxy.
import type Docker from 'dockerode';
import type { PreviewPort } from '../../shared/contracts/protocol.ts';
import type { NetworkFirewall } from '../engine/host-firewall.ts';
import { createSandbox, removeSandbox, type SandboxSpec } from '../engine/sandbox-container.ts';
import { addressOn, createSessionNetwork, moveToNetwork, NODE_LABEL, removeNetwork, SESSION_LABEL } from '../engine/session-network.ts';
import { codedError, HttpError } from '../http/http-error.ts';
import { errorMessage, log } from '../logger.ts';
import { PortWatcher } from '../ports/port-watcher.ts';

export const MAX_NODES = 5;
export const NODE_NAMES = Array.from({ length: MAX_NODES }, (_, index) => `node${index + 1}`);

export interface SessionNodesInit {
  docker: Docker;
  sessionId: string;
  instance: string;
  node1: Docker.Container;
  /** The settings of a new sandbox (limits, image, DNS…), named after `sandboxId`. */
  spec: (sandboxId: string) => SandboxSpec;
  /** Whether the server has capacity for one more sandbox. */
  mayAdd: () => boolean;
  /** Covers the private network with the host firewall's rules from its creation to its removal. */
  firewall: NetworkFirewall;
  onPortsChange: (ports: PreviewPort[]) => void;
  /** What the session had before a server restart (re-adoption). */
  adopted?: AdoptedNodes;
}

/** A re-adopted session's nodes beyond node1 (by name) and its private network, if it had one. */
export interface AdoptedNodes {
  extra: Map<string, Docker.Container>;
  network?: string;
}

interface Node {
  container: Docker.Container;
  watcher: PortWatcher;
  address?: string;
}

export class SessionNodes {
  private readonly nodes = new Map<string, Node>();
  /** Names being started, reserved so concurrent adds pick different ones. */
  private readonly starting = new Set<string>();
  private network?: string;
  private networkReady?: Promise<string>;
  private ended = false;
  private readonly init: SessionNodesInit;

  constructor(init: SessionNodesInit) {
    this.init = init;
    this.track('node1', init.node1);
    for (const [name, container] of init.adopted?.extra ?? []) this.track(name, container);
    if (init.adopted?.network) {
      this.network = init.adopted.network;
      this.networkReady = Promise.resolve(this.network);
    }
  }

  /** Node names, node1 first. */
  names(): string[] {
    return NODE_NAMES.filter((name) => this.nodes.has(name));
  }

  /** Sandboxes beyond node1, running or starting (they count against the server's capacity). */
  get extraCount(): number {
    return this.nodes.size - 1 + this.starting.size;
  }

  /** Every node's container, node1 first. */
  containers(): Docker.Container[] {
    return this.names().flatMap((name) => this.nodes.get(name)?.container ?? []);
  }

  container(name: string): Docker.Container | undefined {
    return this.nodes.get(name)?.container;
  }

  /** The node's address on its network, for the preview proxy. */
  async address(name: string): Promise<string | undefined> {
    const node = this.nodes.get(name);
    if (!node) return undefined;
    node.address ??= await addressOn(node.container);
    return node.address;
  }

  ports(): PreviewPort[] {
    return this.names().flatMap((name) =>
      (this.nodes.get(name)?.watcher.current ?? []).map(({ port, container }) => ({ node: name, port, container, url: `/preview/${this.init.sessionId}/${name}/${port}/` })),
    );
  }

  /** Starts the next free node (node2 … node5) and returns its name. */
  async add(): Promise<string> {
    const name = NODE_NAMES.find((candidate) => !this.nodes.has(candidate) && !this.starting.has(candidate));
    if (!name) throw codedError(409, 'maxNodes', { count: MAX_NODES });
    if (!this.init.mayAdd()) throw codedError(503, 'nodeServerFull');
    this.starting.add(name);
    const started = performance.now();
    try {
      const network = await this.privateNetwork();
      const container = await createSandbox(this.init.docker, {
        ...this.init.spec(`${this.init.sessionId}-${name}`),
        network,
        hostname: name,
        aliases: [name],
        labels: { [SESSION_LABEL]: this.init.sessionId, [NODE_LABEL]: name },
      });
      if (this.ended) {
        await removeSandbox(container);
        throw codedError(404, 'nodeEndedWhileStarting');
      }
      this.track(name, container);
      log.info('session.node_added', { id: this.init.sessionId, node: name, ms: Math.round(performance.now() - started) });
      return name;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      log.error('session.node_failed', { id: this.init.sessionId, node: name, error: errorMessage(error) });
      throw codedError(503, 'nodeStartFailed', { node: name, reason: errorMessage(error) });
    } finally {
      this.starting.delete(name);
    }
  }

  /** Starts nodes until the session has `count` (a lesson's `nodes`), in parallel. */
  async grow(count: number): Promise<void> {
    const wanted = Math.min(count, MAX_NODES) - this.nodes.size;
    await Promise.all(Array.from({ length: Math.max(0, wanted) }, () => this.add()));
  }

  async remove(name: string): Promise<void> {
    if (name === 'node1') throw codedError(409, 'removeNode1');
    const node = this.nodes.get(name);
    if (!node) throw new HttpError(404, `This session has no node "${name.slice(0, 20)}": its nodes are ${this.names().join(', ')}.`);
    this.nodes.delete(name);
    node.watcher.stop();
    if (node.watcher.current.length > 0) this.init.onPortsChange(this.ports());
    await removeSandbox(node.container);
    log.info('session.node_removed', { id: this.init.sessionId, node: name });
  }

  /** Removes every node, then the private network. */
  async removeAll(): Promise<void> {
    this.ended = true;
    const nodes = [...this.nodes.values()];
    this.nodes.clear();
    for (const node of nodes) node.watcher.stop();
    await Promise.all(nodes.map((node) => removeSandbox(node.container)));
    // A node still starting is removed by add() once it is up; its network goes after it.
    while (this.starting.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    if (this.network) await removeNetwork(this.init.docker, this.network, this.init.firewall);
  }

  /** Follows every node's ports with a fresh watcher (the old ones' execs ended with the engine connection). */
  rewatch(): void {
    for (const [name, node] of this.nodes) {
      node.watcher.stop();
      this.track(name, node.container);
    }
  }

  /** Stops following ports and leaves every node running (the server stops; its next start re-adopts them). */
  detach(): void {
    for (const node of this.nodes.values()) node.watcher.stop();
  }

  private track(name: string, container: Docker.Container): void {
    const watcher = new PortWatcher(container, () => this.init.onPortsChange(this.ports()));
    this.nodes.set(name, { container, watcher });
    watcher.start();
  }

  /** The session's private network, created on first need with node1 moved onto it. */
  private privateNetwork(): Promise<string> {
    this.networkReady ??= this.createPrivateNetwork();
    // A failed attempt may be retried by the next add.
    this.networkReady.catch(() => (this.networkReady = undefined));
    return this.networkReady;
  }

  private async createPrivateNetwork(): Promise<string> {
    this.network ??= await createSessionNetwork(this.init.docker, this.init.instance, this.init.sessionId, this.init.firewall);
    const node1 = this.nodes.get('node1');
    if (node1) {
      await moveToNetwork(this.init.docker, node1.container, this.network, 'node1');
      node1.address = undefined; // its address changed
    }
    return this.network;
  }
}
