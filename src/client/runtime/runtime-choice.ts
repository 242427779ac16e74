// Which runtime a lesson page uses. A `runtime: webcontainer` lesson boots a WebContainer in this tab; when it
// cannot, the page reloads as `?runtime=docker&why=<reason>`, which the server serves without cross-origin
// isolation (so previews and embeds work as in every Docker lesson) and which opens a sandbox of the lesson's
// fallback image with the same files and checks. The page then says why in one sentence.
import { z } from 'zod';
import { RuntimeSettingsSchema, type RuntimeSettings } from '../../../shared/contracts/api-schemas.ts';
import { StepIdSchema } from '../../../shared/contracts/protocol.ts';
import type { LessonStore } from '../lesson-store.ts';
import type { MessageKey } from '../../../shared/i18n/ui-strings.ts';
import { bootWebContainer, type BootFailure } from './webcontainer-boot.ts';
import { mountProject, webcontainerRuntime } from './webcontainer-runtime.ts';

const FailureSchema = z.enum(['forced', 'isolation', 'unsupported', 'timeout', 'refused']) satisfies z.ZodType<BootFailure>;

/** The page's data-webcontainer attribute, built by src/site/webcontainer-page.ts. */
const WebContainerLessonSchema = z.object({
  files: z.record(z.string(), z.string()),
  checks: z.array(z.object({ id: StepIdSchema, check: z.string() })),
});

/** The sentence saying why this webcontainer lesson runs in a sandbox, or null when it is not in its fallback. */
export function fallbackNotice(search: string): MessageKey | null {
  const query = new URLSearchParams(search);
  if (query.get('runtime') !== 'docker') return null;
  // Anything else in `why` (typed by hand, or hostile) gets the most common reason rather than its text.
  const why = FailureSchema.catch('timeout').parse(query.get('why'));
  return `runtime.fallback.${why}`;
}

export type BrowserStart = { started: true } | { started: false; failure: BootFailure; browserOnly: boolean };

/** Tries to run the lesson in this tab; on success the store has a WebContainer runtime and one ready node. */
export async function startInBrowser(store: LessonStore, lesson: string, payload: string): Promise<BrowserStart> {
  const { setConnection, setNodes, setRuntime } = store.getState();
  setConnection('connecting', 'runtime.starting');
  const settings = await runtimeSettings();
  const booted = await bootWebContainer(settings, lesson);
  if ('failure' in booted) {
    if (booted.detail) console.warn('[slipway] the WebContainer did not start:', booted.detail);
    return { started: false, failure: booted.failure, browserOnly: settings.webcontainerLessons === 'webcontainer' };
  }
  const project = WebContainerLessonSchema.parse(JSON.parse(payload));
  await mountProject(booted.container, project.files);
  setNodes(['node1']);
  setRuntime(webcontainerRuntime(booted.container, project));
  setConnection('ready', 'runtime.ready');
  return { started: true };
}

/** Moves to the Docker fallback: the same page without cross-origin isolation, saying why. */
export function fallBack(failure: BootFailure): void {
  const url = new URL(location.href);
  url.searchParams.set('runtime', 'docker');
  url.searchParams.set('why', failure);
  location.replace(url);
}

async function runtimeSettings(): Promise<RuntimeSettings> {
  try {
    const response = await fetch('/api/runtime', { cache: 'no-store' });
    return RuntimeSettingsSchema.parse(await response.json());
  } catch {
    // An older server (or none reachable): try the browser, the sandbox stays the fallback.
    return { webcontainerLessons: 'auto', webcontainerClientId: null };
  }
}
