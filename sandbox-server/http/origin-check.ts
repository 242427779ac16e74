// Refuses cross-site requests that change state, and cross-site websocket upgrades (cross-site websocket
// hijacking): a page on another site can make a learner's browser send both, with whatever the browser holds.
// Browsers say where a request comes from (Origin, Sec-Fetch-Site); scripts and curl send neither and are
// let through, since they hold their own tokens and no victim's.
import type { IncomingMessage } from 'node:http';
import { requestOrigin, type ProxyTrust } from './client-address.ts';

export type OriginCheck = (request: IncomingMessage) => string | undefined;

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * A check for one listener: `publicUrl` is its public address (empty: the request's own Host, as a trusted
 * proxy reports it), `extra` further origins allowed in. Returns why a request is refused, or undefined.
 */
export function originCheck(publicUrl: string, extra: string[], trust: ProxyTrust): OriginCheck {
  const fixed = publicUrl ? new URL(publicUrl).origin : undefined;
  return (request) => {
    const origin = header(request, 'origin');
    if (origin !== undefined) {
      const { protocol, host } = requestOrigin(request, trust);
      const own = fixed ?? `${protocol}://${host}`.toLowerCase();
      if (origin.toLowerCase() === own || extra.includes(origin)) return undefined;
      return `Requests from ${origin.slice(0, 100)} are not allowed here: open Slipway at its own address.`;
    }
    const site = header(request, 'sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'Cross-site requests are not allowed here: open Slipway at its own address.';
    return undefined;
  };
}

/** Methods that change state: the ones a cross-site page must not send in a learner's name. */
export const changesState = (method: string | undefined) => !['GET', 'HEAD', 'OPTIONS'].includes(method ?? 'GET');
