import type { ErrorCode, MessageParams } from '../../shared/i18n/ui-strings.ts';
import { DomainError } from '../domain-error.ts';
import { httpStatusOf } from './error-mapping.ts';

/** A refusal only HTTP makes (a method not allowed, a foreign origin), with its status; the domain raises DomainErrors. */
export class HttpError extends Error {
  readonly status: number;
  /** Names the sentence in the UI dictionaries (`error.<code>`), so a page shows it in its reader's language. */
  readonly code?: ErrorCode;
  readonly params?: MessageParams;
  constructor(status: number, message: string, coded?: { code: ErrorCode; params?: MessageParams }) {
    super(message);
    this.status = status;
    if (coded) {
      this.code = coded.code;
      if (coded.params) this.params = coded.params;
    }
  }
}

/** The HTTP answer for an error meant for the caller (its status from its kind); undefined for a failure of ours. */
export function httpErrorOf(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) return new HttpError(httpStatusOf(error.kind), error.message, { code: error.code, ...(error.params ? { params: error.params } : {}) });
  return undefined;
}
