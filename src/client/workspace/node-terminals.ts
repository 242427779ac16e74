// The workspace's terminals (src/client/terminal-list.ts): each node's first one and those the learner opened,
// created and removed as the store's list changes, shown one at a time or two side by side (the split view).
// node1's first socket speaks for the session in the status line; every socket's events (checks, progress,
// ports) feed the shared store. A reload asks for the same shells again: the ids stay in sessionStorage.
// Run buttons reach a node's terminal through the slipway:terminal-input event (src/client/lesson-events.ts):
// the one of that node the learner last used.
import { isNodeTab, SPLIT_TAB, splitTerminals, type LessonState, type LessonStore } from '../lesson-store.ts';
import { mountTerminal, type TerminalIsland } from '../terminal-island.ts';
import type { SocketState } from '../terminal-socket.ts';
import type { LessonRuntime } from '../runtime/lesson-runtime.ts';
import { FOCUS_SWITCH } from '../focus-switch.ts';
import type { Translate } from '../localize.ts';
import { TERMINAL_INPUT_EVENT, type TerminalInputDetail } from '../lesson-events.ts';
import { tabStorage } from '../storage/browser-storage.ts';
import { forgetShell, rememberShell, shellIds } from '../storage/session-memory.ts';
import { nodeOfTerminal, terminalDomId, terminalList } from '../terminal-list.ts';
import { mountTerminalSplit } from './terminal-split.ts';

export interface NodeTerminals {
  /** Types into the terminal of the node the learner is on, showing it; false when not connected. */
  sendInput(text: string): boolean;
  sendCheck(step: string): boolean;
  /** Shows and focuses the terminal of the node the learner is on. */
  focus(): void;
}

/** The terminals the page shows: the split view's two, or the selected one. */
const shownTerminals = (state: LessonState): string[] => (state.activeTab === SPLIT_TAB ? splitTerminals(state) : [state.activeTab]);

export function mountNodeTerminals(area: HTMLElement, store: LessonStore, t: Translate, report: (text: string) => void, onLost: () => void): NodeTerminals {
  const islands = new Map<string, TerminalIsland>();
  /** Per node, the terminal the learner last showed or typed in: where Run buttons for that node type. */
  const lastUsed = new Map<string, string>();
  let connected: LessonRuntime | null = null;
  const split = mountTerminalSplit(area, store);

  /** The host of a terminal (`node2`, `node1/2`…). */
  const hostOf = (key: string): HTMLElement => {
    const existing = area.querySelector<HTMLElement>(`[data-terminal][data-node="${key}"]`);
    if (existing) return existing;
    const host = document.createElement('div');
    host.className = 'terminal-host';
    host.id = `panel-${terminalDomId(key)}`;
    host.setAttribute('role', 'tabpanel');
    host.setAttribute('aria-labelledby', `tab-${terminalDomId(key)}`);
    host.setAttribute('aria-keyshortcuts', FOCUS_SWITCH.aria);
    host.setAttribute('aria-description', t('terminal.toLesson', { key: FOCUS_SWITCH.label }));
    host.dataset.terminal = '';
    host.dataset.node = key;
    host.addEventListener('focusin', () => lastUsed.set(nodeOfTerminal(key), key));
    area.querySelector('[data-terminal-notice]')?.before(host);
    return host;
  };

  const onState = (node: string, state: SocketState) => {
    const { setConnection, closeTerminal, extraTerminals } = store.getState();
    const host = area.querySelector<HTMLElement>(`[data-terminal][data-node="${node}"]`);
    if (host) host.dataset.state = state.kind;
    // Another tab or window of this sandbox holds the shells the server allows: this terminal gets none.
    if (state.kind === 'crowded') {
      report(t('terminals.refused', { node: nodeOfTerminal(node) }));
      if (extraTerminals.includes(node)) closeTerminal(node);
      return;
    }
    // A refused or ended session is over for every node; other states of extra nodes stay on their tab.
    // The server's reason (time limit, workshop ended…) says more than the close code.
    if (state.kind === 'ended') return state.reason ? setConnection('ended', 'status.endedBecause', { reason: state.reason }) : setConnection('ended', state.message);
    if (node !== 'node1') return;
    // "Reconnected" only when the shell asked for is back (a reload or a dropped socket); a first visit connects.
    if (state.kind === 'ready') setConnection('ready', state.resumed ? 'status.restored' : 'status.ready');
    else if (state.kind === 'reconnecting') setConnection('reconnecting');
    else if (state.kind === 'lost') onLost();
  };

  const connect = (key: string) => {
    const island = islands.get(key);
    const runtime = connected;
    // A sandbox's shells outlive a reload: ask for the one this terminal drove (none in a WebContainer).
    const session = store.getState().session;
    const shell = session ? (shellIds(tabStorage(), session.id)[key] ?? null) : null;
    if (island && runtime) island.connect((events) => runtime.openShell(nodeOfTerminal(key), events, shell));
  };

  const render = () => {
    const state = store.getState();
    const wanted = terminalList(state.nodes, state.extraTerminals);
    for (const key of wanted) {
      if (islands.has(key)) continue;
      islands.set(key, mountTerminal(hostOf(key), {
        onState: (state) => onState(key, state),
        onMessage: (message) => store.getState().applyServerMessage(message),
        onShell: (shell) => {
          const session = store.getState().session;
          if (session) rememberShell(tabStorage(), session.id, key, shell);
        },
        onEnter: () => store.getState().commandSent(),
        newShellNotice: t('terminal.newShell'),
      }));
      connect(key);
    }
    // A closed terminal's shell ends with its socket (CloseCode.shellClosed), and a reload must not ask for it.
    const session = state.session;
    for (const [key, island] of islands) {
      if (wanted.includes(key)) continue;
      island.dispose();
      islands.delete(key);
      if (session) forgetShell(tabStorage(), session.id, key);
      area.querySelector(`[data-terminal][data-node="${key}"]`)?.remove();
    }
    const shown = shownTerminals(state);
    for (const key of shown) if (isNodeTab(key)) lastUsed.set(nodeOfTerminal(key), key);
    for (const host of area.querySelectorAll<HTMLElement>('[data-terminal]')) {
      const side = shown.indexOf(host.dataset.node ?? '');
      host.hidden = side === -1;
      host.dataset.side = String(side);
    }
    split.render(state);
    const usable = state.connection.status !== 'ended' && state.connection.status !== 'error';
    for (const island of islands.values()) island.setInputEnabled(usable);
    window.slipwayTerminal = islands.get(isNodeTab(state.activeTab) ? state.activeTab : state.activeNode)?.terminal;
  };

  store.subscribe((state, previous) => {
    // A reload finds the terminals this tab had open in the session (each one's shell id).
    if (state.session && state.session !== previous.session) state.restoreTerminals(Object.keys(shellIds(tabStorage(), state.session.id)));
    if (state.runtime !== previous.runtime && state.runtime && !connected) {
      connected = state.runtime;
      for (const node of islands.keys()) connect(node);
    }
    if (
      state.nodes !== previous.nodes ||
      state.extraTerminals !== previous.extraTerminals ||
      state.splitPair !== previous.splitPair ||
      state.activeNode !== previous.activeNode ||
      state.activeTab !== previous.activeTab ||
      state.connection !== previous.connection
    ) render();
  });
  render();

  // Taken (preventDefault) only when typed, so the Run button can say the terminal is not connected.
  document.addEventListener(TERMINAL_INPUT_EVENT, (event) => {
    const { detail } = event as CustomEvent<TerminalInputDetail>;
    const key = terminalFor(detail.node);
    const island = islands.get(key);
    if (!island) return;
    const state = store.getState();
    if (!shownTerminals(state).includes(key)) state.showTab(key);
    if (island.sendInput(detail.text)) event.preventDefault();
  });

  /** The node's terminal the learner last used, else its first. */
  const terminalFor = (node: string) => {
    const last = lastUsed.get(node);
    return last && islands.has(last) ? last : node;
  };
  const active = () => islands.get(terminalFor(store.getState().activeNode)) ?? islands.get('node1');
  const show = () => {
    const state = store.getState();
    const key = terminalFor(state.activeNode);
    if (!shownTerminals(state).includes(key)) state.showTab(key);
  };
  return {
    sendInput(text) {
      show();
      return active()?.sendInput(text) ?? false;
    },
    sendCheck: (step) => (active()?.sendCheck(step) || islands.get('node1')?.sendCheck(step)) ?? false,
    focus() {
      show();
      active()?.focus();
    },
  };
}
