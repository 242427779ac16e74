// The workspace's tabs (one per node, Split, Editor, Preview, Ports): the WAI-ARIA tabs pattern with automatic activation,
// so arrow keys, Home and End move between them; the store's activeTab decides what is shown.
import { EDITOR_TAB, isNodeTab, PORTS_TAB, PREVIEW_TAB, SPLIT_TAB, type LessonStore, type WorkspaceTab } from '../lesson-store.ts';

export function mountWorkspaceTabs(pane: HTMLElement, store: LessonStore, onShow: (tab: WorkspaceTab) => void): void {
  const list = pane.querySelector<HTMLElement>('[data-tab-list]');
  const splitTab = list?.querySelector<HTMLElement>(`[data-tab="${SPLIT_TAB}"]`);
  const terminalArea = pane.querySelector<HTMLElement>('[data-terminal-area]');
  const panels: Record<string, HTMLElement | null> = {
    [EDITOR_TAB]: pane.querySelector('[data-editor-panel]'),
    [PREVIEW_TAB]: pane.querySelector('[data-preview-panel]'),
    [PORTS_TAB]: pane.querySelector('[data-ports-panel]'),
  };
  if (!list || !splitTab || !terminalArea) return;
  const tabs = () => [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];

  const syncNodeTabs = (nodes: readonly string[]) => {
    for (const tab of tabs()) {
      const name = tab.dataset.tab ?? '';
      if (isNodeTab(name) && !nodes.includes(name)) tab.remove();
    }
    for (const node of nodes) {
      if (list.querySelector(`[data-tab="${node}"]`)) continue;
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'tab';
      tab.id = `tab-${node}`;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', `panel-${node}`);
      tab.dataset.tab = node;
      tab.textContent = node;
      splitTab.before(tab);
    }
  };

  const render = () => {
    const { nodes, activeTab } = store.getState();
    syncNodeTabs(nodes);
    for (const tab of tabs()) {
      const selected = tab.dataset.tab === activeTab;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    terminalArea.hidden = !isNodeTab(activeTab) && activeTab !== SPLIT_TAB;
    for (const [name, panel] of Object.entries(panels)) if (panel) panel.hidden = name !== activeTab;
  };

  list.addEventListener('click', (event) => {
    const tab = (event.target as Element | null)?.closest<HTMLElement>('[role="tab"]');
    if (tab?.dataset.tab) select(tab.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const all = tabs();
    const index = all.findIndex((tab) => tab === document.activeElement);
    if (index === -1) return;
    const target = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: all.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = all[(target + all.length) % all.length];
    next?.focus();
    if (next?.dataset.tab) select(next.dataset.tab);
  });

  function select(tab: WorkspaceTab): void {
    store.getState().showTab(tab);
    onShow(tab);
  }

  store.subscribe((state, previous) => {
    if (state.nodes !== previous.nodes || state.activeTab !== previous.activeTab) render();
  });
  render();
}
