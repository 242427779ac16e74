// What went wrong, as the domain sees it: a kind (what sort of refusal) and a sentence from the UI dictionaries
// (`error.<code>`), so a page can show it in its reader's language. The domain never names HTTP statuses or
// close codes: the HTTP layer and the socket modules map kinds to those (http/error-mapping.ts).
import { translate, type ErrorCode, type MessageParams } from '../shared/i18n/ui-strings.ts';

export type ErrorKind =
  | 'bad-input'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'too-large'
  | 'unsupported'
  | 'rate-limited'
  | 'unavailable'
  | 'no-space';

/** An error whose sentence is safe and useful to show the learner or instructor who caused it. */
export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly code: ErrorCode;
  readonly params?: MessageParams;
  constructor(kind: ErrorKind, code: ErrorCode, params?: MessageParams) {
    super(translate('en', `error.${code}`, params));
    this.kind = kind;
    this.code = code;
    if (params) this.params = params;
  }
}
