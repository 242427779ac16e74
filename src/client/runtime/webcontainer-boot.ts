// Boots the WebContainer of a `runtime: webcontainer` lesson, or says in one word why it cannot: the server
// forces the Docker sandbox, the page is not cross-origin isolated (a proxy dropped the headers), the browser
// lacks what WebContainers need, StackBlitz's runtime did not answer in time (offline, blocked), or it refused
// (for one, a commercial deployment without its licence key).
import type { RuntimeSettings } from '../../../shared/contracts/api-schemas.ts';
import type { WebContainerLike } from './webcontainer-runtime.ts';

export type BootFailure = 'forced' | 'isolation' | 'unsupported' | 'timeout' | 'refused';

/** Offline, boot() waits for an iframe that never answers: past this the sandbox is the better offer. */
export const BOOT_TIMEOUT_MS = 10_000;

export async function bootWebContainer(settings: RuntimeSettings, workdirName: string, timeoutMs = BOOT_TIMEOUT_MS): Promise<{ container: WebContainerLike } | { failure: BootFailure; detail?: string }> {
  if (settings.webcontainerLessons === 'docker') return { failure: 'forced' };
  if (!globalThis.crossOriginIsolated) return { failure: 'isolation' };
  if (typeof SharedArrayBuffer === 'undefined' || typeof WritableStream === 'undefined') return { failure: 'unsupported' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { WebContainer, configureAPIKey } = await import('@webcontainer/api');
    if (settings.webcontainerClientId) configureAPIKey(settings.webcontainerClientId);
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const booted = await Promise.race([WebContainer.boot({ coep: 'require-corp', workdirName }), timedOut]);
    if (booted === 'timeout') return { failure: 'timeout' };
    const container: WebContainerLike = booted;
    return { container };
  } catch (error) {
    return { failure: 'refused', detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
