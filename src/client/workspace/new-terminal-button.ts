// The + after the workspace tabs: one more terminal on node1 (one-node sessions) or on the node picked from
// the list it discloses. Past the server's shell limits it opens nothing and says so in one sentence.
import type { LessonStore } from '../lesson-store.ts';
import type { Translate } from '../localize.ts';

export function mountNewTerminalButton(pane: HTMLElement, store: LessonStore, t: Translate, report: (text: string) => void): void {
  const box = pane.querySelector<HTMLElement>('[data-new-terminal]');
  const button = box?.querySelector<HTMLButtonElement>('[data-new-terminal-open]');
  const list = box?.querySelector<HTMLUListElement>('[data-new-terminal-nodes]');
  if (!box || !button || !list) return;

  const open = (node: string) => {
    setExpanded(false);
    const opened = store.getState().openTerminal(node);
    if ('full' in opened) {
      report(t(opened.full === 'node' ? 'terminals.fullNode' : 'terminals.fullSession', { node, max: opened.max }));
      button.focus();
    }
  };
  const setExpanded = (expanded: boolean) => {
    list.hidden = !expanded;
    button.setAttribute('aria-expanded', String(expanded));
  };

  button.addEventListener('click', () => {
    const { nodes } = store.getState();
    if (nodes.length === 1) return open(nodes[0] ?? 'node1');
    list.replaceChildren(
      ...nodes.map((node) => {
        const item = document.createElement('li');
        const choice = document.createElement('button');
        choice.type = 'button';
        choice.className = 'bar-button';
        choice.textContent = t('terminals.newOn', { node });
        choice.addEventListener('click', () => open(node));
        item.append(choice);
        return item;
      }),
    );
    const expand = button.getAttribute('aria-expanded') !== 'true';
    setExpanded(expand);
    if (expand) list.querySelector('button')?.focus();
  });
  // Escape or a click elsewhere folds the list away, as a disclosure menu does.
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || list.hidden) return;
    setExpanded(false);
    button.focus();
  });
  document.addEventListener('click', (event) => {
    if (!list.hidden && !box.contains(event.target as Node)) setExpanded(false);
  });
  store.subscribe((state, previous) => {
    if (state.nodes !== previous.nodes) setExpanded(false);
  });
}
