// A translate function in the language of the page's URL (/zh-CN/… or English).
import { splitLocalePath } from '../../shared/i18n/locale-path.ts';
import { translator, type Translate } from './localize.ts';

export const pageTranslator = (): Translate => translator(splitLocalePath(location.pathname).locale);
