// What every page shares in the browser: saved preferences (validated), the theme toggle, the language switch
// and the page's UI text in the learner's language.
import { LocaleSchema, type Locale, type Preferences } from '../../shared/contracts/browser-state-schemas.ts';
import { pickLocale } from '../../shared/i18n/ui-strings.ts';
import { DEFAULT_LOCALE, localePath, splitLocalePath } from '../../shared/i18n/locale-path.ts';
import { browserStorage, type KeyValueStore } from './storage/browser-storage.ts';
import { loadPreferences, savePreferences } from './storage/preferences.ts';
import { localizePage, translator, type Translate } from './localize.ts';
import { showNotice } from './page-notice.ts';

export interface SiteChrome {
  storage: KeyValueStore | null;
  preferences: Preferences;
  locale: Locale;
  t: Translate;
  /** Shows a dismissible notice at the top of the page's main content. */
  notify(text: string): void;
}

export function mountSiteChrome(): SiteChrome {
  const storage = browserStorage();
  const { preferences, dropped } = loadPreferences(storage);
  // The page's language is its URL's. An English address follows the learner's language (their saved choice,
  // else the browser's); an address in another language was chosen, so it is kept (a shared link stays as sent).
  const { locale, path } = splitLocalePath(location.pathname);
  const wanted = pickLocale(preferences.locale, navigator.languages);
  if (locale === DEFAULT_LOCALE && wanted !== locale) location.replace(localePath(wanted, path) + location.search + location.hash);
  const t = translator(locale);
  localizePage(document, locale);
  // The interface's language; a lesson's own text keeps its lang on its element.
  document.documentElement.lang = locale;
  const main = document.querySelector<HTMLElement>('[data-notices]') ?? document.body;
  const notify = (text: string) => void showNotice(main, text, t('notice.dismiss'));
  if (dropped) notify(t('notice.preferencesDropped'));

  mountThemeToggle(storage, preferences, t);
  mountLanguageSwitch(storage, locale);
  // Both controls need this script; without it they are not shown at all.
  const controls = document.querySelector<HTMLElement>('[data-site-controls]');
  if (controls) controls.hidden = false;
  return { storage, preferences, locale, t, notify };
}

function effectiveTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function mountThemeToggle(storage: KeyValueStore | null, preferences: Preferences, t: Translate): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  // The inline script in BaseLayout applied the saved theme before first paint; re-apply the validated one.
  if (preferences.theme) document.documentElement.dataset.theme = preferences.theme;
  else delete document.documentElement.dataset.theme;
  const render = () => {
    const dark = effectiveTheme() === 'dark';
    button.setAttribute('aria-pressed', String(dark));
    const label = button.querySelector('[data-theme-label]');
    if (label) label.textContent = dark ? t('site.themeToLight') : t('site.themeToDark');
  };
  button.addEventListener('click', () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    savePreferences(storage, { theme: next });
    render();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
  render();
}

function mountLanguageSwitch(storage: KeyValueStore | null, locale: Locale): void {
  const select = document.querySelector<HTMLSelectElement>('[data-language-switch]');
  if (!select) return;
  select.value = locale;
  select.addEventListener('change', () => {
    const chosen = LocaleSchema.safeParse(select.value);
    if (!chosen.success) return;
    savePreferences(storage, { locale: chosen.data });
    // The same page in that language (its URL); a running sandbox session is kept (it belongs to the tab).
    location.assign(localePath(chosen.data, splitLocalePath(location.pathname).path) + location.search + location.hash);
  });
}
