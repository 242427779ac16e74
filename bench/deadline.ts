// Every bench measurement runs against a deadline: one that fails or does not finish in time becomes a "did
// not finish" row with the reason, and the run goes on, so a bench always ends with its table, JSON and chart.
export interface DidNotFinish {
  didNotFinish: string;
}

export type Measured<T> = T | DidNotFinish;

export const finished = <T>(value: Measured<T>): value is T => !(typeof value === 'object' && value !== null && 'didNotFinish' in value);

/**
 * Runs `measure` for at most `seconds`. On timeout the signal aborts (loops that take it stop) and the result
 * is a DidNotFinish; so is a failure. `say` hears one line either way.
 */
export async function withDeadline<T>(what: string, seconds: number, say: (line: string) => void, measure: (signal: AbortSignal) => Promise<T>): Promise<Measured<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<DidNotFinish>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${what}: no result after ${seconds} s`));
      resolve({ didNotFinish: `no result after ${seconds} s` });
    }, seconds * 1000);
  });
  const run = measure(controller.signal).catch((error: unknown): DidNotFinish => ({ didNotFinish: error instanceof Error ? error.message.split('\n')[0] ?? 'failed' : String(error) }));
  try {
    const result = await Promise.race([run, deadline]);
    if (!finished(result)) say(`${what} did not finish: ${result.didNotFinish}`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`, or rejects with the signal's reason once it aborts: for polling loops under a deadline. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
