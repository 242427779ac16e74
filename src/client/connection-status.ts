// Shows the connection state: one sentence in the status line, and, whenever the terminal cannot be used
// (starting, queued, reconnecting, unreachable, engine down, ended), the same sentence over the terminal with
// the action that helps, so the terminal is never a blank box.
import type { ConnectionStatus, LessonStore } from './lesson-store.ts';
import type { MessageKey } from '../i18n/ui-strings.ts';
import type { Translate } from './localize.ts';

export type ConnectionAction = 'retry' | 'new-sandbox';

const ACTIONS: Partial<Record<ConnectionStatus, { key: MessageKey; action: ConnectionAction }>> = {
  unreachable: { key: 'action.retry', action: 'retry' },
  'engine-down': { key: 'action.retry', action: 'retry' },
  error: { key: 'action.retry', action: 'retry' },
  ended: { key: 'action.newSandbox', action: 'new-sandbox' },
};

export function mountConnectionStatus(
  store: LessonStore,
  elements: { statusLine: HTMLElement; notice: HTMLElement },
  t: Translate,
  act: (action: ConnectionAction) => void,
): void {
  const { statusLine, notice } = elements;
  const text = notice.querySelector<HTMLElement>('[data-notice-text]');
  const button = notice.querySelector<HTMLButtonElement>('[data-notice-action]');
  button?.addEventListener('click', () => {
    const action = button.dataset.action;
    if (action === 'retry' || action === 'new-sandbox') act(action);
  });

  const render = () => {
    const { status, message } = store.getState().connection;
    statusLine.dataset.state = status;
    statusLine.textContent = message;
    notice.dataset.state = status;
    notice.hidden = status === 'ready';
    if (text) text.textContent = message;
    const action = ACTIONS[status];
    if (button) {
      button.hidden = !action;
      button.textContent = action ? t(action.key) : '';
      if (action) button.dataset.action = action.action;
    }
  };
  store.subscribe((state, previous) => {
    if (state.connection !== previous.connection) render();
  });
  render();
}
