// The preview pane: a published port's app in an iframe beside the lesson, with an address bar (port and
// path), reload and "open in new tab". URLs come from the server's `ports` message (docs/api.md), so the
// pane follows wherever the server serves previews (its own origin or a separate preview origin).
import { portKey, type LessonStore } from '../lesson-store.ts';
import type { PreviewPort } from '../../../shared/contracts/protocol.ts';
import type { Translate } from '../localize.ts';

/** The preview address of a port's path, with the session token that the proxy trades for its cookie. */
export function previewAddress(port: Pick<PreviewPort, 'url'>, path: string, token: string, base: string): string {
  const root = new URL(port.url, base);
  const target = new URL(path.replace(/^\/+/, ''), root);
  // A path that climbs out of the port's prefix is the port's root: the pane shows nothing else.
  const address = target.href.startsWith(root.href) ? target : root;
  address.searchParams.set('token', token);
  return address.href;
}

export function mountPreviewPane(pane: HTMLElement, store: LessonStore, t: Translate): void {
  const panel = pane.querySelector<HTMLElement>('[data-preview-panel]');
  const form = panel?.querySelector<HTMLFormElement>('[data-preview-form]');
  const select = panel?.querySelector<HTMLSelectElement>('[data-preview-port]');
  const path = panel?.querySelector<HTMLInputElement>('[data-preview-path]');
  const reload = panel?.querySelector<HTMLButtonElement>('[data-preview-reload]');
  const external = panel?.querySelector<HTMLAnchorElement>('[data-preview-external]');
  const frame = panel?.querySelector<HTMLIFrameElement>('[data-preview-frame]');
  const empty = panel?.querySelector<HTMLElement>('[data-preview-empty]');
  if (!panel || !form || !select || !path || !reload || !external || !frame || !empty) return;

  const selected = (): PreviewPort | undefined => {
    const { ports, preview } = store.getState();
    return ports.find((port) => portKey(port) === preview) ?? ports[0];
  };
  const navigate = () => {
    const port = selected();
    const token = store.getState().session?.token;
    if (!port || !token) return;
    const address = previewAddress(port, path.value, token, location.href);
    frame.src = address;
    external.href = address;
  };

  const render = () => {
    const { ports } = store.getState();
    const port = selected();
    empty.hidden = Boolean(port);
    form.hidden = !port;
    frame.hidden = !port;
    select.replaceChildren(
      ...ports.map((candidate) => {
        const option = document.createElement('option');
        option.value = portKey(candidate);
        option.textContent = candidate.container ? t('preview.portOf', { node: candidate.node, port: candidate.port, container: candidate.container }) : portKey(candidate);
        return option;
      }),
    );
    if (!port) {
      frame.removeAttribute('src');
      return;
    }
    select.value = portKey(port);
    if (frame.dataset.port !== select.value) {
      frame.dataset.port = select.value;
      path.value = '/';
      navigate();
    }
  };

  select.addEventListener('change', () => store.getState().showPreview(select.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate();
  });
  reload.addEventListener('click', navigate);
  // Same-origin previews let the address bar follow the app's own links; a separate origin keeps it private.
  frame.addEventListener('load', () => {
    try {
      const inside = frame.contentWindow?.location.pathname;
      const root = selected() && new URL(selected()!.url, location.href).pathname;
      if (inside && root && inside.startsWith(root)) path.value = `/${inside.slice(root.length)}`;
    } catch {
      // Cross-origin: the address bar keeps what the learner typed.
    }
  });

  store.subscribe((state, previous) => {
    if (state.ports !== previous.ports || state.preview !== previous.preview || state.session !== previous.session) render();
  });
  render();
}
