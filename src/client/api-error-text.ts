// The sentence to show for a failed API call, in the page's language: the dictionaries' `error.<code>` when the
// server named one (docs/api.md, "Errors"), else the server's English sentence, else the HTTP status.
import { ApiErrorSchema } from '../../shared/contracts/api-schemas.ts';
import { isMessageKey } from '../../shared/i18n/ui-strings.ts';
import { splitLocalePath } from '../../shared/i18n/locale-path.ts';
import { translator, type Translate } from './localize.ts';

/** Translates into the language of the page's URL (/zh-CN/… or English). */
export const pageTranslator = (): Translate => translator(splitLocalePath(location.pathname).locale);

export function apiErrorText(body: unknown, status: number, t: Translate = pageTranslator()): string {
  const parsed = ApiErrorSchema.safeParse(body);
  if (!parsed.success) return t('error.httpStatus', { status });
  const { error, code, params } = parsed.data;
  const key = `error.${code ?? ''}`;
  return code && isMessageKey(key) ? t(key, params ?? {}) : error;
}
