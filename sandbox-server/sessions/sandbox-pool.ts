// Ready sandboxes kept warm so a new session is handed one in milliseconds. Refills in the background, and
// only while the server's capacity allows (the owner decides through `mayGrow`).
import type Docker from 'dockerode';
import { removeSandbox } from '../engine/sandbox-container.ts';
import { errorMessage, log } from '../logger.ts';

export interface PoolOptions {
  size: number;
  launch: () => Promise<Docker.Container>;
  mayGrow: () => boolean;
}

export class SandboxPool {
  private readonly ready: Docker.Container[] = [];
  /** Requests waiting for a sandbox that is warming; undefined when its start failed. */
  private readonly waiters: ((container: Docker.Container | undefined) => void)[] = [];
  private warmingCount = 0;
  private closed = false;
  private readonly options: PoolOptions;
  /** Warm sandboxes wanted: the configured size plus reservations (workshops about to start). */
  private target: number;

  constructor(options: PoolOptions) {
    this.options = options;
    this.target = options.size;
  }

  /** Changes how many sandboxes are kept warm; surplus ready ones are removed, freeing capacity. */
  async setTarget(size: number): Promise<void> {
    this.target = size;
    this.refill();
    const surplus = this.ready.length - size;
    if (surplus > 0) await Promise.all(this.ready.splice(0, surplus).map((container) => removeSandbox(container)));
  }

  get readyCount(): number {
    return this.ready.length;
  }

  get warming(): number {
    return this.warmingCount;
  }

  /**
   * A ready sandbox if one is warm, else the next one to finish warming if one is on its way that nobody
   * else waits for; undefined when neither (the caller starts one itself). The pool refills at once.
   */
  async take(): Promise<Docker.Container | undefined> {
    const container = this.ready.shift();
    this.refill();
    if (container || this.warmingCount <= this.waiters.length) return container;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  refill(): void {
    while (!this.closed && this.ready.length + this.warmingCount < this.target && this.options.mayGrow()) {
      this.warmingCount += 1;
      this.options
        .launch()
        .then(async (container) => {
          this.warmingCount -= 1;
          const waiter = this.waiters.shift();
          if (waiter) waiter(container);
          // Closed, or the target dropped while it warmed (a workshop ended): it would only hold capacity.
          else if (this.closed || this.ready.length >= this.target) await removeSandbox(container);
          else this.ready.push(container);
        })
        .catch((error: unknown) => {
          this.warmingCount -= 1;
          this.waiters.shift()?.(undefined);
          log.error('pool.launch_failed', { error: errorMessage(error) });
        });
    }
  }

  /** Removes the warm sandboxes; sandboxes still starting are removed as they become ready. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.ready.splice(0).map((container) => removeSandbox(container)));
    while (this.warmingCount > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
