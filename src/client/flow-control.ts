// xterm.js flow control by watermarks: count bytes handed to the terminal and not yet parsed; above HIGH ask
// the server to pause output, below LOW ask it to resume. So `yes` cannot freeze the page.
export const HIGH_WATER = 256 * 1024;
export const LOW_WATER = 32 * 1024;

export interface FlowControl {
  /** Before `terminal.write`: returns the callback to pass to it (called once xterm has parsed the bytes). */
  track(bytes: number): () => void;
  /** A new connection starts unpaused with nothing pending on the server side. */
  reset(): void;
}

export function createFlowControl(setPaused: (paused: boolean) => void): FlowControl {
  let pending = 0;
  let paused = false;
  let generation = 0;
  return {
    track(bytes) {
      pending += bytes;
      if (!paused && pending > HIGH_WATER) {
        paused = true;
        setPaused(true);
      }
      const mine = generation;
      return () => {
        if (mine !== generation) return; // written before a reset: already forgotten
        pending -= bytes;
        if (paused && pending < LOW_WATER) {
          paused = false;
          setPaused(false);
        }
      };
    },
    reset() {
      generation += 1;
      pending = 0;
      paused = false;
    },
  };
}
