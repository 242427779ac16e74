// When to open a websocket again after it dropped, shared by the terminal and the workshop dashboard: backoff
// doubling up to a ceiling, a retry budget that refills once a socket stayed open for a while, no attempts
// while the browser is offline, and an immediate attempt when the network returns or the page is shown again
// (a laptop waking up should not wait out a long backoff).

export interface ReconnectPolicy {
  /** Attempts in a row before giving up; Infinity to keep trying. */
  maxRetries: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** A socket open this long counts as healthy: the next drop starts from the first delay again. */
  stableMs: number;
}

/** What the reconnector needs from the browser: timers, the network state and a wake-up signal. */
export interface ReconnectEnvironment {
  schedule(run: () => void, ms: number): () => void;
  isOnline(): boolean;
  /** Calls `listener` when the network comes back or the page becomes visible; returns the unsubscribe. */
  onWake(listener: () => void): () => void;
}

/** 'retrying': an attempt is scheduled; 'offline': one will be made when the network returns; 'gave-up': none. */
export type ReconnectOutcome = { kind: 'retrying'; delayMs: number } | { kind: 'offline' } | { kind: 'gave-up' };

export interface Reconnector {
  /** The socket opened. */
  opened(): void;
  /** The socket closed and should come back. */
  closed(): ReconnectOutcome;
  /** No more attempts (the socket was closed on purpose or for good). */
  stop(): void;
}

export function createReconnector(connect: () => void, policy: ReconnectPolicy, env: ReconnectEnvironment = browserEnvironment()): Reconnector {
  let retries = 0;
  let waiting = false;
  let cancelRetry: (() => void) | null = null;
  let cancelStable: (() => void) | null = null;

  const attempt = () => {
    waiting = false;
    cancelRetry = null;
    connect();
  };
  const unsubscribe = env.onWake(() => {
    if (!waiting || !env.isOnline()) return;
    cancelRetry?.();
    retries = 0;
    attempt();
  });

  return {
    opened() {
      cancelStable?.();
      cancelStable = env.schedule(() => (retries = 0), policy.stableMs);
    },
    closed() {
      cancelStable?.();
      cancelStable = null;
      if (retries >= policy.maxRetries) return { kind: 'gave-up' };
      waiting = true;
      // Offline, every attempt would fail at once and use up the budget: wait for the network instead.
      if (!env.isOnline()) return { kind: 'offline' };
      const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** retries);
      retries += 1;
      cancelRetry = env.schedule(attempt, delayMs);
      return { kind: 'retrying', delayMs };
    },
    stop() {
      waiting = false;
      cancelRetry?.();
      cancelStable?.();
      unsubscribe();
    },
  };
}

export function browserEnvironment(): ReconnectEnvironment {
  return {
    schedule(run, ms) {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    isOnline: () => navigator.onLine,
    onWake(listener) {
      const onVisible = () => document.visibilityState === 'visible' && listener();
      window.addEventListener('online', listener);
      document.addEventListener('visibilitychange', onVisible);
      return () => {
        window.removeEventListener('online', listener);
        document.removeEventListener('visibilitychange', onVisible);
      };
    },
  };
}
