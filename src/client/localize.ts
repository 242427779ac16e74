// The learner's language on a built page: pages are rendered in English with data-i18n keys on UI text, and
// this swaps them for the learner's locale. Also hands views a translate function bound to that locale.
import { isMessageKey, translate, type MessageKey, type MessageParams } from '../../shared/i18n/ui-strings.ts';
import type { Locale } from '../../shared/contracts/browser-state-schemas.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const translator = (locale: Locale): Translate => (key, params) => translate(locale, key, params);

/**
 * `data-i18n="key"` replaces the text, `data-i18n-params` (JSON) fills its placeholders, and
 * `data-i18n-attr="aria-label:key title:key"` translates attributes.
 */
export function localizePage(root: ParentNode, locale: Locale): void {
  if (locale === 'en') return; // already rendered in English
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n ?? '';
    if (isMessageKey(key)) element.textContent = translate(locale, key, params(element));
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-attr]')) {
    for (const pair of (element.dataset.i18nAttr ?? '').split(/\s+/)) {
      const [attribute, key] = pair.split(':');
      if (attribute && key && isMessageKey(key)) element.setAttribute(attribute, translate(locale, key, params(element)));
    }
  }
}

function params(element: HTMLElement): MessageParams {
  try {
    const parsed: unknown = JSON.parse(element.dataset.i18nParams ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as MessageParams) : {};
  } catch {
    return {};
  }
}
