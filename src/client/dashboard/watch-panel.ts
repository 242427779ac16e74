// The read-only view of one learner's terminal, opened from their name in the table.
import type { LearnerProgress } from '../../../shared/contracts/workshop-schemas.ts';
import { element } from '../dom.ts';
import type { Translate } from '../localize.ts';
import { watchLearner, type WatchView } from '../workshop-watch.ts';
import { lessonTitle, type DashboardStore } from './dashboard-store.ts';

export interface WatchPanel {
  open(learner: LearnerProgress): void;
  /** The terminal being watched, for end-to-end tests. */
  current(): WatchView | null;
}

export function mountWatchPanel(panel: HTMLElement, api: string, token: string, store: DashboardStore, t: Translate): WatchPanel {
  let watching: WatchView | null = null;
  const title = element(panel, '[data-watch-title]');
  const status = element(panel, '[data-watch-status]');
  const host = element(panel, '[data-watch-terminal]');

  const close = () => {
    watching?.close();
    watching = null;
    panel.hidden = true;
  };
  element(panel, '[data-watch-close]').addEventListener('click', close);

  return {
    open(learner) {
      close();
      panel.hidden = false;
      title.textContent = t('dash.watchingName', { name: learner.name });
      status.textContent = t('dash.connecting');
      watching = watchLearner(host, `${api}/learners/${encodeURIComponent(learner.id)}/watch`, token, (text, live) => {
        status.textContent = text;
        status.dataset.state = live ? 'ready' : 'ended';
      }, t, (slug) => lessonTitle(store.getState().state, slug));
      panel.scrollIntoView({ block: 'nearest' });
    },
    current: () => watching,
  };
}
