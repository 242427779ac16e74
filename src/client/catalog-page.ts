// Entry of the catalog page. Everything it shows is in the HTML already; the island that adds the learner's
// progress, language and theme controls (zod, the dictionaries: ~23 KB gzipped) loads once the page is idle,
// so it never delays the first paint. The search box works at once.
import { mountCatalogSearch } from './catalog/catalog-search.ts';

mountCatalogSearch(document);
const load = () => void import('./catalog/catalog-island.ts');
if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 1000 });
else setTimeout(load, 0);
