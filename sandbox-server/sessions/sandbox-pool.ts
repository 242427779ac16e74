// Ready sandboxes kept warm, each with its login shell started (warm-sandbox.ts), so a new session is handed
// one in milliseconds. Refills in the background, and
// only while the server's capacity allows (the owner decides through `mayGrow`).
import { errorMessage, log } from '../logger.ts';
import { removeWarm, type WarmSandbox } from './warm-sandbox.ts';

export interface PoolOptions {
  size: number;
  launch: () => Promise<WarmSandbox>;
  mayGrow: () => boolean;
  /** A warm sandbox became ready, or one no longer wanted was removed: a queued session may go now. */
  onAvailable?: () => void;
}

export class SandboxPool {
  private readonly ready: WarmSandbox[] = [];
  /** Requests waiting for a sandbox that is warming; undefined when its start failed. */
  private readonly waiters: ((warm: WarmSandbox | undefined) => void)[] = [];
  private warmingCount = 0;
  /** Surplus sandboxes being removed: they hold capacity, and close() waits for them, until gone. */
  private removing = 0;
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
    if (surplus <= 0) return;
    this.removing += surplus;
    try {
      await Promise.all(this.ready.splice(0, surplus).map((warm) => removeWarm(warm)));
    } finally {
      this.removing -= surplus;
    }
    if (!this.closed) this.options.onAvailable?.();
  }

  get readyCount(): number {
    return this.ready.length;
  }

  get warming(): number {
    return this.warmingCount;
  }

  /** Sandboxes take() can hand out without starting one: ready, or warming with nobody waiting for them. */
  get available(): number {
    return this.ready.length + Math.max(0, this.warmingCount - this.waiters.length);
  }

  /** Sandboxes the pool holds that no session has claimed: available ones and those being removed (capacity). */
  get unclaimed(): number {
    return this.available + this.removing;
  }

  /**
   * A ready sandbox if one is warm, else the next one to finish warming if one is on its way that nobody
   * else waits for; undefined when neither (the caller starts one itself). The pool refills at once.
   */
  async take(): Promise<WarmSandbox | undefined> {
    const warm = this.ready.shift();
    this.refill();
    if (warm || this.warmingCount <= this.waiters.length) return warm;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  refill(): void {
    while (!this.closed && this.ready.length + this.warmingCount < this.target && this.options.mayGrow()) {
      this.warmingCount += 1;
      this.options
        .launch()
        .then(async (warm) => {
          const waiter = this.waiters.shift();
          // Closed, or the target dropped while it warmed (a workshop ended): it would only hold capacity.
          const unwanted = !waiter && (this.closed || this.ready.length >= this.target);
          // Still counted as warming while it is removed, so close() returns only once it is gone.
          if (unwanted) await removeWarm(warm).catch((error: unknown) => log.error('pool.remove_failed', { error: errorMessage(error) }));
          this.warmingCount -= 1;
          if (waiter) return waiter(warm);
          if (!unwanted) this.ready.push(warm);
          if (!this.closed) this.options.onAvailable?.();
        })
        .catch((error: unknown) => {
          this.warmingCount -= 1;
          this.waiters.shift()?.(undefined);
          log.error('pool.launch_failed', { error: errorMessage(error) });
        });
    }
  }

  /** Replaces the ready sandboxes with fresh ones (after an engine outage they may be gone). */
  async recycle(): Promise<void> {
    const stale = this.ready.splice(0);
    this.removing += stale.length;
    try {
      await Promise.all(stale.map((warm) => removeWarm(warm).catch((error: unknown) => log.warn('pool.remove_failed', { error: errorMessage(error) }))));
    } finally {
      this.removing -= stale.length;
    }
    this.refill();
  }

  /** Removes the warm sandboxes; sandboxes still starting are removed as they become ready. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.ready.splice(0).map((warm) => removeWarm(warm)));
    while (this.warmingCount + this.removing > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
