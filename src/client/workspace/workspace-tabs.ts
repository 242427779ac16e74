// The workspace's tabs (one per terminal, Split, Editor, Preview, Ports): the WAI-ARIA tabs pattern with automatic
// activation, so arrow keys, Home and End move between them, and Delete closes a terminal the learner opened
// (as does its ×, for the pointer); the store's activeTab decides what is shown.
import { EDITOR_TAB, isNodeTab, PORTS_TAB, PREVIEW_TAB, SPLIT_TAB, type LessonStore, type WorkspaceTab } from '../lesson-store.ts';
import { isExtraTerminal, terminalDomId, terminalLabel, terminalList } from '../terminal-list.ts';
import type { Translate } from '../localize.ts';

export function mountWorkspaceTabs(pane: HTMLElement, store: LessonStore, t: Translate, onShow: (tab: WorkspaceTab) => void): void {
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

  const newTab = (key: string) => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'tab';
    tab.id = `tab-${terminalDomId(key)}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', `panel-${terminalDomId(key)}`);
    tab.dataset.tab = key;
    tab.textContent = terminalLabel(key);
    if (isExtraTerminal(key)) {
      const label = t('terminals.close', { terminal: terminalLabel(key) });
      tab.setAttribute('aria-keyshortcuts', 'Delete');
      tab.setAttribute('aria-description', label);
      // Not a button of its own (no control inside a tab): the pointer's way to what Delete does.
      const close = document.createElement('span');
      close.className = 'tab-close';
      close.dataset.closeTerminal = key;
      close.title = label;
      close.setAttribute('aria-hidden', 'true');
      close.textContent = '×';
      tab.append(close);
    }
    return tab;
  };

  /** One tab per open terminal, in the list's order, before Split. */
  const syncTerminalTabs = (open: readonly string[]) => {
    for (const tab of tabs()) {
      const name = tab.dataset.tab ?? '';
      if (isNodeTab(name) && !open.includes(name)) tab.remove();
    }
    // Moved only when out of place: moving a focused tab would drop the keyboard focus.
    let next: HTMLElement = splitTab;
    for (const key of [...open].reverse()) {
      const tab = list.querySelector<HTMLElement>(`[data-tab="${CSS.escape(key)}"]`) ?? newTab(key);
      if (tab.nextElementSibling !== next) next.before(tab);
      next = tab;
    }
  };

  const close = (key: string) => {
    const focused = list.contains(document.activeElement);
    store.getState().closeTerminal(key);
    if (focused) list.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  };

  const render = () => {
    const { nodes, extraTerminals, activeTab } = store.getState();
    syncTerminalTabs(terminalList(nodes, extraTerminals));
    for (const tab of tabs()) {
      const selected = tab.dataset.tab === activeTab;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    terminalArea.hidden = !isNodeTab(activeTab) && activeTab !== SPLIT_TAB;
    for (const [name, panel] of Object.entries(panels)) if (panel) panel.hidden = name !== activeTab;
  };

  list.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    const closing = target?.closest<HTMLElement>('[data-close-terminal]')?.dataset.closeTerminal;
    if (closing) return close(closing);
    const tab = target?.closest<HTMLElement>('[role="tab"]');
    if (tab?.dataset.tab) select(tab.dataset.tab);
  });
  list.addEventListener('keydown', (event) => {
    const all = tabs();
    const index = all.findIndex((tab) => tab === document.activeElement);
    if (index === -1) return;
    const focusedKey = all[index]?.dataset.tab ?? '';
    if (event.key === 'Delete' && isExtraTerminal(focusedKey)) {
      event.preventDefault();
      return close(focusedKey);
    }
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
    if (state.nodes !== previous.nodes || state.extraTerminals !== previous.extraTerminals || state.activeTab !== previous.activeTab) render();
  });
  render();
}
