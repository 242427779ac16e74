// "Your sandboxes": every sandbox this browser started that the server still runs, with the lesson it is for,
// its time left and a button that ends it, so a learner at the per-client limit (or who left tabs open) can
// free one without waiting for the idle timeout.
import type { LessonStore } from '../lesson-store.ts';
import { endSession, mySessions } from '../session-client.ts';
import { formatDuration } from '../finish-panel.ts';
import type { Translate } from '../localize.ts';

export interface MySandboxes {
  open(): Promise<void>;
}

export function mountMySandboxes(pane: HTMLElement, store: LessonStore, t: Translate): MySandboxes {
  const dialog = pane.querySelector<HTMLDialogElement>('[data-sandboxes-dialog]');
  const list = dialog?.querySelector<HTMLElement>('[data-sandboxes-list]');
  const opener = pane.querySelector<HTMLButtonElement>('[data-sandboxes-open]');

  async function render(): Promise<void> {
    if (!list) return;
    list.setAttribute('aria-busy', 'true');
    const sessions = await mySessions().catch(() => []);
    const current = store.getState().session?.id;
    list.replaceChildren(
      ...sessions.map(({ session, status }) => {
        const item = document.createElement('li');
        item.dataset.sandbox = session.lesson;
        const label = document.createElement('span');
        const left = formatDuration(Math.max(0, Date.parse(status.endsAt) - Date.now()), t);
        label.textContent = t('sandboxes.item', { lesson: session.lesson, time: left });
        item.append(label);
        if (session.id === current) {
          const here = document.createElement('em');
          here.textContent = t('sandboxes.thisPage');
          item.append(here);
        } else {
          const end = document.createElement('button');
          end.type = 'button';
          end.className = 'bar-button';
          end.textContent = t('sandboxes.end');
          end.addEventListener('click', () => {
            end.disabled = true;
            // Ended or not, the list is asked for again and shows what the server still runs.
            void endSession(session).then(render, render);
          });
          item.append(end);
        }
        return item;
      }),
    );
    if (sessions.length === 0) {
      const none = document.createElement('li');
      none.textContent = t('sandboxes.none');
      list.append(none);
    }
    list.setAttribute('aria-busy', 'false');
  }

  const open = async () => {
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    await render();
  };
  opener?.addEventListener('click', () => void open());
  // The page could not start its sandbox (too many): once the learner has ended one, try again.
  dialog?.addEventListener('close', () => {
    if (store.getState().session === null) location.reload();
  });
  return { open };
}
