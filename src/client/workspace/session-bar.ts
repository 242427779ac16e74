// The session bar: time left before the session's hard limit (endsAt), Extend, and Reset sandbox behind a
// confirmation dialog. The countdown runs locally: polling the API would count as activity and keep an
// abandoned tab's sandbox alive forever.
import { ExtendResponseSchema, SessionStatusSchema } from '../../../shared/contracts/api-schemas.ts';
import type { LessonStore } from '../lesson-store.ts';
import { sessionRequest } from '../session-api.ts';
import { flashLabel } from '../flash-label.ts';
import { formatDuration } from '../finish-panel.ts';
import type { Translate } from '../localize.ts';

/** Below this the time left is highlighted and Extend is the thing to press. */
const LOW_MS = 10 * 60_000;

export function mountSessionBar(pane: HTMLElement, store: LessonStore, t: Translate, report: (text: string) => void): void {
  const timeLeft = pane.querySelector<HTMLElement>('[data-time-left]');
  const extend = pane.querySelector<HTMLButtonElement>('[data-extend]');
  const resetOpen = pane.querySelector<HTMLButtonElement>('[data-reset-open]');
  const dialog = pane.querySelector<HTMLDialogElement>('[data-reset-dialog]');
  if (!timeLeft || !extend || !resetOpen || !dialog) return;

  const renderTime = () => {
    const { endsAt, connection } = store.getState();
    // An ended session has no time left to count down, whatever its limit was.
    timeLeft.hidden = endsAt === null || connection.status === 'ended';
    if (endsAt === null) return;
    const left = Math.max(0, endsAt - Date.now());
    timeLeft.textContent = t('session.timeLeft', { time: formatDuration(left, t) });
    timeLeft.dataset.low = String(left < LOW_MS);
  };
  setInterval(renderTime, 15_000);

  const render = () => {
    const { session, connection } = store.getState();
    const live = Boolean(session) && connection.status !== 'ended' && connection.status !== 'queued';
    extend.hidden = !live;
    resetOpen.hidden = !live;
    renderTime();
  };

  // Both handlers report their own failures (report), so the listeners have no promise to keep.
  const extendSession = async (): Promise<void> => {
    const { session } = store.getState();
    if (!session) return;
    extend.disabled = true;
    try {
      const answer = await sessionRequest(session, 'POST', '/extend', ExtendResponseSchema);
      if (answer) store.getState().setEndsAt(Date.parse(answer.endsAt));
      flashLabel(extend, t('session.extended'));
    } catch (error) {
      report(t('session.failed', { reason: (error as Error).message }));
    } finally {
      extend.disabled = false;
    }
  };
  extend.addEventListener('click', () => void extendSession());

  resetOpen.addEventListener('click', () => dialog.showModal());
  const resetIfConfirmed = async (): Promise<void> => {
    const { session } = store.getState();
    if (dialog.returnValue !== 'reset' || !session) return;
    dialog.returnValue = '';
    resetOpen.disabled = true;
    const label = resetOpen.textContent;
    resetOpen.textContent = t('session.resetting');
    try {
      // The server replaces the sandbox: shells end, sockets reconnect to fresh ones, published ports go.
      await sessionRequest(session, 'POST', '/reset', null);
      store.getState().sandboxReset();
      const status = await sessionRequest(session, 'GET', '', SessionStatusSchema);
      if (status) {
        store.getState().setNodes(status.nodes);
        store.getState().setEndsAt(Date.parse(status.endsAt));
      }
    } catch (error) {
      report(t('session.failed', { reason: (error as Error).message }));
    } finally {
      resetOpen.disabled = false;
      resetOpen.textContent = label;
    }
  };
  dialog.addEventListener('close', () => void resetIfConfirmed());

  store.subscribe((state, previous) => {
    if (state.endsAt !== previous.endsAt || state.session !== previous.session || state.connection !== previous.connection) render();
  });
  render();
}
