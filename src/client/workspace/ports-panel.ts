// Ports the session's containers publish (the server's `ports` message), each with the container that
// publishes it, a button that shows it in the preview pane and a link that opens it in a new tab. The tab's
// label counts them.
import { portKey, type LessonStore } from '../lesson-store.ts';
import type { Translate } from '../localize.ts';

export function mountPortsPanel(pane: HTMLElement, store: LessonStore, t: Translate): void {
  const list = pane.querySelector<HTMLElement>('[data-ports-list]');
  const empty = pane.querySelector<HTMLElement>('[data-ports-empty]');
  const count = pane.querySelector<HTMLElement>('[data-ports-count]');
  if (!list || !empty || !count) return;

  const render = () => {
    const { ports, session } = store.getState();
    empty.hidden = ports.length > 0;
    count.hidden = ports.length === 0;
    count.textContent = String(ports.length);
    list.replaceChildren(
      ...ports.map((port) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        // The preview proxy authorises with the session token; it only ever goes to our own origin.
        link.href = `${port.url}?token=${encodeURIComponent(session?.token ?? '')}`;
        link.target = '_blank';
        link.rel = 'noopener';
        link.dataset.port = `${port.node}:${port.port}`;
        link.textContent = t('ports.open', { node: port.node, port: port.port });
        const hint = document.createElement('span');
        hint.className = 'visually-hidden';
        hint.textContent = ` (${t('ports.opens')})`;
        link.append(hint);
        const preview = document.createElement('button');
        preview.type = 'button';
        preview.className = 'bar-button';
        preview.dataset.previewPort = portKey(port);
        preview.textContent = t('ports.preview');
        preview.addEventListener('click', () => store.getState().showPreview(portKey(port)));
        item.append(link);
        if (port.container) {
          const owner = document.createElement('span');
          owner.className = 'port-owner';
          owner.textContent = t('ports.container', { container: port.container });
          item.append(owner);
        }
        item.append(preview);
        return item;
      }),
    );
  };
  store.subscribe((state, previous) => {
    if (state.ports !== previous.ports || state.session !== previous.session) render();
  });
  render();
}
