// Polling a reading that settles on its own time (a shell ending, a server starting to listen): a loaded
// machine makes "right after" a matter of seconds, so tests read until the value is the expected one.

/** Reads until `done` holds or `ms` passed; returns the last reading, for the caller's assertion to show. */
export async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number, pauseMs = 300): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
