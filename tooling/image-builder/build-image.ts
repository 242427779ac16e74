// `docker build` of one context directory through the engine API, printing each Dockerfile step, and
// failing with the image name and the build's last lines. A build that failed on the network (a package
// mirror that did not resolve for a moment) is tried again: the layers before the failed step are cached.
import type Docker from 'dockerode';
import { listFiles } from '../content-hash.ts';

export type Say = (line: string) => void;

export interface BuildRequest {
  context: string;
  tags: string[];
  buildargs?: Record<string, string>;
  labels?: Record<string, string>;
  /** Ignore the engine's layer cache (a truly cold build, for the bench). */
  noCache?: boolean;
}

const ATTEMPTS = 3;
const TRANSIENT = /Temporary failure resolving|Could not resolve|Failed to fetch|Connection (timed out|refused|reset|failed)|Network is unreachable|Hash Sum mismatch|Unable to connect|EAI_AGAIN|ETIMEDOUT|ECONNRESET/i;

/** Whether a failed build's output says the network failed (worth another attempt), not the Dockerfile. */
export const isTransientBuildFailure = (message: string): boolean => TRANSIENT.test(message);

export async function buildImage(docker: Docker, request: BuildRequest, say: Say, pauseMs = 5000): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await buildOnce(docker, request, say);
    } catch (error) {
      const message = (error as Error).message;
      if (attempt >= ATTEMPTS || !isTransientBuildFailure(message)) throw attempt > 1 ? new Error(`${message}\n(after ${attempt} attempts)`) : error;
      const cause = message.split('\n').findLast((line) => isTransientBuildFailure(line)) ?? '';
      say(`  a network error (${cause.trim().slice(0, 100)}): trying again, attempt ${attempt + 1} of ${ATTEMPTS}…`);
      await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
    }
  }
}

async function buildOnce(docker: Docker, request: BuildRequest, say: Say): Promise<void> {
  const [first = '', ...rest] = request.tags;
  const stream = await docker.buildImage(
    { context: request.context, src: await listFiles(request.context) },
    { t: first, buildargs: request.buildargs ?? {}, labels: request.labels ?? {}, nocache: request.noCache ?? false, rm: true, forcerm: true },
  );
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: { error?: string }[]) => {
        const failed = error?.message ?? events.find((event) => event.error)?.error;
        if (failed) reject(new Error(`building ${first} failed: ${failed.trim()}\n${tail.join('\n')}`));
        else resolve();
      },
      (event: { stream?: string }) => {
        for (const line of (event.stream ?? '').split('\n').filter(Boolean)) {
          tail.push(line);
          if (tail.length > 30) tail.shift();
          if (/^Step \d+\/\d+ :/.test(line)) say(`  ${line.slice(0, 110)}`);
        }
      },
    );
  });
  for (const tag of rest) await tagImage(docker, first, tag);
}

/** Gives image `source` the extra name `target` (repo:tag). */
export async function tagImage(docker: Docker, source: string, target: string): Promise<void> {
  const colon = target.lastIndexOf(':');
  const hasTag = colon > target.lastIndexOf('/');
  await docker.getImage(source).tag({ repo: hasTag ? target.slice(0, colon) : target, tag: hasTag ? target.slice(colon + 1) : 'latest' });
}

/**
 * Inspects an image or container: undefined only when the engine says it does not exist (404). Other errors
 * (a busy engine) are retried, then thrown: taking them for "missing" would rebuild or re-seed for nothing.
 */
export async function inspectIfExists<T>(target: { inspect(): Promise<T> }): Promise<T | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await target.inspect();
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
