// Shows the connection state: one sentence in the status line, and, whenever the terminal cannot be used
// (starting, queued, reconnecting, unreachable, engine down, ended), the same sentence over the terminal with
// the action that helps, so the terminal is never a blank box.
import type { ConnectionAction, ConnectionStatus, LessonStore } from './lesson-store.ts';
import type { MessageKey } from '../../shared/i18n/ui-strings.ts';
import type { Translate } from './localize.ts';

export type { ConnectionAction };

const ACTIONS: Partial<Record<ConnectionStatus, ConnectionAction>> = {
  unreachable: 'retry',
  'engine-down': 'retry',
  error: 'retry',
  ended: 'new-sandbox',
};
const LABELS: Record<ConnectionAction, MessageKey> = {
  retry: 'action.retry',
  'new-sandbox': 'action.newSandbox',
  sessions: 'action.sessions',
  'leave-workshop': 'action.leaveWorkshop',
};
/** Site paths in the server's sentences ("leave it at /workshops/join/") become links. */
const SITE_PATH = /(\/(?:workshops|lessons)\/[\w/-]*)/;

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
    if (action && action in LABELS) act(action as ConnectionAction);
  });

  const render = () => {
    const { status, message, action: override } = store.getState().connection;
    statusLine.dataset.state = status;
    statusLine.textContent = message;
    notice.dataset.state = status;
    notice.hidden = status === 'ready';
    if (text) text.replaceChildren(...withLinks(message));
    const action = override ?? ACTIONS[status];
    if (button) {
      button.hidden = !action;
      button.textContent = action ? t(LABELS[action]) : '';
      if (action) button.dataset.action = action;
    }
  };
  store.subscribe((state, previous) => {
    if (state.connection !== previous.connection) render();
  });
  render();
}

function withLinks(message: string): (string | HTMLAnchorElement)[] {
  return message.split(SITE_PATH).map((part, index) => {
    if (index % 2 === 0) return part;
    const link = document.createElement('a');
    link.href = part;
    link.textContent = part;
    return link;
  });
}
