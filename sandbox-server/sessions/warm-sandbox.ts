// A sandbox kept warm in the pool together with node1's first login shell, already started: 30 learners
// pressing Start together would otherwise wait for 30 concurrent `docker exec bash --login`. The shell's
// screen mirror catches its first prompt, so the terminal that adopts it shows the prompt at once.
import type Docker from 'dockerode';
import { removeSandbox } from '../engine/sandbox-container.ts';
import { errorMessage, log } from '../logger.ts';
import { ShellSession } from '../terminal/shell-session.ts';

export interface WarmSandbox {
  container: Docker.Container;
  /** Undefined when it could not be started: the session's terminal starts one as usual. */
  shell?: ShellSession;
}

/** Starts the login shell of a ready sandbox. Until a session adopts it, its prompt markers trigger nothing. */
export async function warmUp(container: Docker.Container): Promise<WarmSandbox> {
  const shell = new ShellSession(container, { onCommandDone: () => undefined, onGone: () => undefined });
  try {
    await shell.start();
    return { container, shell };
  } catch (error) {
    log.warn('pool.shell_failed', { error: errorMessage(error) });
    void shell.kill();
    return { container };
  }
}

/** Removes a warm sandbox nobody claimed, its shell with it. */
export async function removeWarm(warm: WarmSandbox): Promise<void> {
  void warm.shell?.kill(); // the sandbox's removal ends the exec anyway; this frees the mirror at once
  await removeSandbox(warm.container);
}
