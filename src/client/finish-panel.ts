// The finish panel after the last step: shown once every step is done, with the time it took.
import type { LessonState, LessonStore } from './lesson-store.ts';
import type { Translate } from './localize.ts';

export function mountFinishPanel(panel: HTMLElement, store: LessonStore, t: Translate): void {
  const banner = panel.querySelector<HTMLElement>('[data-finish-banner]');
  const time = panel.querySelector<HTMLElement>('[data-finish-time]');
  let wasFinished = store.getState().finishedAt !== null;
  const render = ({ startedAt, finishedAt }: LessonState) => {
    const finished = finishedAt !== null;
    panel.dataset.finished = String(finished);
    if (banner) banner.hidden = !finished;
    if (time) time.textContent = finished ? t('finish.time', { time: formatDuration(finishedAt - startedAt, t) }) : '';
    // Finishing while reading the last step: bring the panel (and the next lesson link) into view.
    if (finished && !wasFinished) panel.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    wasFinished = finished;
  };
  store.subscribe((state, previous) => {
    if (state.finishedAt !== previous.finishedAt) render(state);
  });
  render(store.getState());
}

export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t('duration.seconds');
  if (minutes < 60) return t('duration.minutes', { minutes });
  return t('duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
