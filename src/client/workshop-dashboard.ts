// The instructor dashboard (docs/api.md, "Workshops"): a store fed by the live socket, and views that
// subscribe to it. The instructor token comes from the URL fragment and goes out only as a bearer header or a
// socket's first frame.
import { PageLessonTitlesSchema, type DashboardState } from '../../shared/contracts/workshop-schemas.ts';
import { mountSiteChrome } from './site-chrome.ts';
import { element } from './dom.ts';
import type { WatchView } from './workshop-watch.ts';
import { createDashboardStore, instructorLink } from './dashboard/dashboard-store.ts';
import { connectLive } from './dashboard/live-socket.ts';
import { mountProgressTable } from './dashboard/progress-table.ts';
import { mountWatchPanel } from './dashboard/watch-panel.ts';
import { mountWorkshopActions } from './dashboard/workshop-actions.ts';
import { mountWorkshopHeader } from './dashboard/workshop-header.ts';

declare global {
  interface Window {
    /** For end-to-end tests: the latest dashboard state and the watch terminal. */
    slipwayDashboard?: { readonly state: DashboardState | null; readonly watch: WatchView | null };
  }
}

function start(root: HTMLElement): void {
  const { t, locale } = mountSiteChrome();
  let titles = {};
  try {
    // Lesson and step titles in the page's language; invalid data is ignored (English titles stay).
    titles = PageLessonTitlesSchema.safeParse(JSON.parse(root.dataset.lessonTitles ?? '{}')).data ?? {};
  } catch {
    console.warn('[slipway] the page lesson titles are not JSON');
  }
  const store = createDashboardStore({ locale, titles });
  mountWorkshopHeader(root, store);
  const link = instructorLink(location.hash);
  if (!link) return store.getState().linkMissing();

  const api = `/api/workshops/${encodeURIComponent(link.workshopId)}`;
  const watch = mountWatchPanel(element(root, '[data-watch-panel]'), api, link.token, store, t);
  mountProgressTable(element<HTMLTableElement>(root, '[data-progress-table]'), element(root, '[data-empty]'), store, watch.open);
  mountWorkshopActions(root, store, api, link.token, t);
  window.slipwayDashboard = {
    get state() {
      return store.getState().state;
    },
    get watch() {
      return watch.current();
    },
  };
  connectLive(store, api, link.token);
  setInterval(() => store.getState().tick(Date.now()), 1000);
}

const root = document.querySelector<HTMLElement>('[data-workshop-dashboard]');
if (root) start(root);
