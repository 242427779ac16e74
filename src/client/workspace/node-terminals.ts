// One terminal per sandbox node, created and removed as the session's nodes change, plus the split view's
// second terminal: node2 beside node1, or a second shell on node1 (`node1/2`) in a one-node session. node1's
// socket speaks for the session in the status line; every socket's events (checks, progress, ports) feed the
// shared store.
// Run buttons reach a node's terminal through the slipway:terminal-input event (src/client/lesson-events.ts).
import { SPLIT_TAB, type LessonStore } from '../lesson-store.ts';
import { mountTerminal, type TerminalIsland } from '../terminal-island.ts';
import { terminalUrl, type SocketState } from '../terminal-socket.ts';
import { FOCUS_SWITCH } from '../focus-switch.ts';
import type { Translate } from '../localize.ts';
import { TERMINAL_INPUT_EVENT, type TerminalInputDetail } from '../lesson-events.ts';
import { tabStorage } from '../storage/browser-storage.ts';
import { rememberShell, shellIds } from '../storage/session-memory.ts';

export interface NodeTerminals {
  /** Types into the terminal of the node the learner is on, showing it; false when not connected. */
  sendInput(text: string): boolean;
  sendCheck(step: string): boolean;
  /** Shows and focuses the terminal of the node the learner is on. */
  focus(): void;
}

export function mountNodeTerminals(area: HTMLElement, store: LessonStore, t: Translate, onLost: () => void): NodeTerminals {
  const islands = new Map<string, TerminalIsland>();
  let connected: { id: string; token: string } | null = null;

  /** The host of a terminal (`node2`, or `node1/2` for the split view's second shell on node1). */
  const hostOf = (key: string): HTMLElement => {
    const existing = area.querySelector<HTMLElement>(`[data-terminal][data-node="${key}"]`);
    if (existing) return existing;
    const host = document.createElement('div');
    host.className = 'terminal-host';
    host.id = `panel-${key.replace('/', '-')}`;
    host.setAttribute('role', 'tabpanel');
    host.setAttribute('aria-labelledby', key.includes('/') ? `tab-${SPLIT_TAB}` : `tab-${key}`);
    host.setAttribute('aria-keyshortcuts', FOCUS_SWITCH.aria);
    host.setAttribute('aria-description', t('terminal.toLesson', { key: FOCUS_SWITCH.label }));
    host.dataset.terminal = '';
    host.dataset.node = key;
    area.querySelector('[data-terminal-notice]')?.before(host);
    return host;
  };
  const nodeOf = (key: string) => key.split('/')[0] ?? 'node1';
  /** What the split view shows beside node1. */
  const partnerOf = (nodes: readonly string[]) => (nodes.includes('node2') ? 'node2' : 'node1/2');

  const onState = (node: string, state: SocketState) => {
    const { setConnection } = store.getState();
    const host = area.querySelector<HTMLElement>(`[data-terminal][data-node="${node}"]`);
    if (host) host.dataset.state = state.kind;
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
    if (island && connected) island.connect(terminalUrl(connected, nodeOf(key)), shellIds(tabStorage(), connected.id)[key] ?? null);
  };

  const render = () => {
    const { nodes, activeNode, activeTab, connection } = store.getState();
    const split = activeTab === SPLIT_TAB;
    const partner = partnerOf(nodes);
    // The split view's second shell on node1 starts the first time the split is shown, and stays.
    const wanted = split || islands.has('node1/2') ? [...nodes, ...(partner === 'node1/2' || islands.has('node1/2') ? ['node1/2'] : [])] : nodes;
    for (const key of wanted) {
      if (islands.has(key)) continue;
      islands.set(key, mountTerminal(hostOf(key), {
        onState: (state) => onState(key, state),
        onMessage: (message) => store.getState().applyServerMessage(message),
        onShell: (shell) => connected && rememberShell(tabStorage(), connected.id, key, shell),
        onEnter: () => store.getState().commandSent(),
        newShellNotice: t('terminal.newShell'),
      }));
      connect(key);
    }
    for (const [key, island] of islands) {
      if (wanted.includes(key)) continue;
      island.dispose();
      islands.delete(key);
      area.querySelector(`[data-terminal][data-node="${key}"]`)?.remove();
    }
    area.classList.toggle('split', split);
    const shown = split ? ['node1', partner] : [activeNode];
    for (const host of area.querySelectorAll<HTMLElement>('[data-terminal]')) {
      host.hidden = !shown.includes(host.dataset.node ?? '');
      host.style.order = String(shown.indexOf(host.dataset.node ?? ''));
    }
    const usable = connection.status !== 'ended' && connection.status !== 'error';
    for (const island of islands.values()) island.setInputEnabled(usable);
    window.slipwayTerminal = islands.get(activeNode)?.terminal;
  };

  store.subscribe((state, previous) => {
    if (state.session !== previous.session && state.session && !connected) {
      connected = state.session;
      for (const node of islands.keys()) connect(node);
    }
    if (state.nodes !== previous.nodes || state.activeNode !== previous.activeNode || state.activeTab !== previous.activeTab || state.connection !== previous.connection) render();
  });
  render();

  // Taken (preventDefault) only when typed, so the Run button can say the terminal is not connected.
  document.addEventListener(TERMINAL_INPUT_EVENT, (event) => {
    const { detail } = event as CustomEvent<TerminalInputDetail>;
    const island = islands.get(detail.node);
    if (!island) return;
    const { activeTab, nodes, showTab } = store.getState();
    const inSplit = activeTab === SPLIT_TAB && (detail.node === 'node1' || detail.node === partnerOf(nodes));
    if (activeTab !== detail.node && !inSplit) showTab(detail.node);
    if (island.sendInput(detail.text)) event.preventDefault();
  });

  const active = () => islands.get(store.getState().activeNode) ?? islands.get('node1');
  const show = () => {
    const { activeTab, activeNode, showTab } = store.getState();
    if (activeTab !== activeNode && activeTab !== SPLIT_TAB) showTab(activeNode);
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
