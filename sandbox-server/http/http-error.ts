import { translate, type ErrorCode, type MessageParams } from '../../shared/i18n/ui-strings.ts';

/** An error whose message is safe and useful to show the caller, with its HTTP status. */
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

/** An HttpError whose English sentence is the dictionaries' `error.<code>`: clients may show it translated. */
export const codedError = (status: number, code: ErrorCode, params?: MessageParams): HttpError =>
  new HttpError(status, translate('en', `error.${code}`, params), { code, ...(params ? { params } : {}) });
