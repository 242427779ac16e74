// The one table from a domain error's kind to what the edges say: an HTTP status, or a websocket close code
// (and the error frame a terminal socket sends for a refused control frame).
import { CloseCode, type ServerMessage } from '../../shared/contracts/protocol.ts';
import type { DomainError, ErrorKind } from '../domain-error.ts';

const EDGE: Record<ErrorKind, { status: number; close: number }> = {
  'bad-input': { status: 400, close: CloseCode.badFrame },
  unauthorized: { status: 401, close: CloseCode.unauthorized },
  forbidden: { status: 403, close: CloseCode.unauthorized },
  'not-found': { status: 404, close: CloseCode.unknownSession },
  conflict: { status: 409, close: CloseCode.engineError },
  gone: { status: 410, close: CloseCode.sessionEnded },
  'too-large': { status: 413, close: CloseCode.badFrame },
  unsupported: { status: 415, close: CloseCode.badFrame },
  'rate-limited': { status: 429, close: CloseCode.tooManyShells },
  unavailable: { status: 503, close: CloseCode.engineError },
  'no-space': { status: 507, close: CloseCode.engineError },
};

export const httpStatusOf = (kind: ErrorKind): number => EDGE[kind].status;
export const closeCodeOf = (kind: ErrorKind): number => EDGE[kind].close;

/** A refused control frame as the terminal socket sends it: the English sentence and its dictionary code. */
export const errorFrame = (error: DomainError): ServerMessage => ({ type: 'error', message: error.message, code: error.code, ...(error.params ? { params: error.params } : {}) });
