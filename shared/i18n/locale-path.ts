// A page's language is in its URL: English at /…, every other language under /<locale>/… (/zh-CN/lessons/x/),
// so a link shares the language it was read in. Used at build time (routes) and in the browser (switching).
import { LOCALES, LocaleSchema, type Locale } from '../contracts/browser-state-schemas.ts';

export const DEFAULT_LOCALE: Locale = 'en';

/** The `[...locale]` route parameter of every language: undefined is the unprefixed English site. */
export const localeParams = (): { locale: string | undefined }[] => LOCALES.map((locale) => ({ locale: locale === DEFAULT_LOCALE ? undefined : locale }));

/** The page's language from its `[...locale]` parameter. */
export function pageLocale(param: string | undefined): Locale {
  const parsed = LocaleSchema.safeParse(param ?? DEFAULT_LOCALE);
  return parsed.success ? parsed.data : DEFAULT_LOCALE;
}

/** `path` (starting with /) in `locale`. */
export const localePath = (locale: Locale, path: string): string => (locale === DEFAULT_LOCALE ? path : `/${locale}${path}`);

/** The language a URL path is in, and the path without its prefix. */
export function splitLocalePath(pathname: string): { locale: Locale; path: string } {
  for (const locale of LOCALES) {
    if (locale !== DEFAULT_LOCALE && (pathname === `/${locale}` || pathname.startsWith(`/${locale}/`))) {
      return { locale, path: pathname.slice(locale.length + 1) || '/' };
    }
  }
  return { locale: DEFAULT_LOCALE, path: pathname };
}
