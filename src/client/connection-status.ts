// Shows the connection state: one sentence in the status line above the terminal, and, once the terminal
// can no longer be used, the same sentence over the terminal itself.
import type { LessonStore } from './lesson-store.ts';

export function mountConnectionStatus(store: LessonStore, statusLine: HTMLElement, notice: HTMLElement): void {
  const render = () => {
    const { status, message } = store.getState().connection;
    statusLine.dataset.state = status;
    statusLine.textContent = message;
    const stuck = status === 'ended' || status === 'error';
    notice.hidden = !stuck;
    notice.textContent = stuck ? message : '';
  };
  store.subscribe((state, previous) => {
    if (state.connection !== previous.connection) render();
  });
  render();
}
