// SLIPWAY_ISOLATION=trusted gives every learner the host's root: acceptable for one person on their own
// machine only, so the server then refuses to listen beyond loopback unless the operator says otherwise.
import type { Config } from './config.ts';
import { isLoopback } from './http/loopback.ts';

/** One line saying why the server must not listen on HOST, or undefined when it may. */
export function listenRefusal(config: Pick<Config, 'HOST' | 'SLIPWAY_ISOLATION' | 'SLIPWAY_TRUSTED_REMOTE'>): string | undefined {
  if (config.SLIPWAY_ISOLATION !== 'trusted' || isLoopback(config.HOST) || config.SLIPWAY_TRUSTED_REMOTE === 'yes') return undefined;
  return `refusing to listen on ${config.HOST}: with SLIPWAY_ISOLATION=trusted every learner's root is the host's root; use SLIPWAY_ISOLATION=userns, HOST=127.0.0.1, or SLIPWAY_TRUSTED_REMOTE=yes if you accept that.`;
}
