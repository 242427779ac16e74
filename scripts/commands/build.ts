// npm run build: the static site, always rebuilt.
import { buildSite } from '../tasks/site.ts';

export const run = () => buildSite({ force: true });
