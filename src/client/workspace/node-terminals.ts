// One terminal per sandbox node, created and removed as the session's nodes change. node1's socket speaks for
// the session in the status line; every socket's events (checks, progress, ports) feed the shared store.
// Run buttons reach a node's terminal through the slipway:terminal-input event (src/client/lesson-events.ts).
import type { LessonStore } from '../lesson-store.ts';
import { mountTerminal, type TerminalIsland } from '../terminal-island.ts';
import type { SocketState } from '../terminal-socket.ts';
import type { LessonRuntime } from '../runtime/lesson-runtime.ts';
import { FOCUS_SWITCH } from '../focus-switch.ts';
import type { Translate } from '../localize.ts';
import { TERMINAL_INPUT_EVENT, type TerminalInputDetail } from '../lesson-events.ts';

export interface NodeTerminals {
  /** Types into the terminal of the node the learner is on, showing it; false when not connected. */
  sendInput(text: string): boolean;
  sendCheck(step: string): boolean;
  /** Shows and focuses the terminal of the node the learner is on. */
  focus(): void;
}

export function mountNodeTerminals(area: HTMLElement, store: LessonStore, t: Translate, onLost: () => void): NodeTerminals {
  const islands = new Map<string, TerminalIsland>();
  let connected: LessonRuntime | null = null;

  const hostOf = (node: string): HTMLElement => {
    const existing = area.querySelector<HTMLElement>(`[data-terminal][data-node="${node}"]`);
    if (existing) return existing;
    const host = document.createElement('div');
    host.className = 'terminal-host';
    host.id = `panel-${node}`;
    host.setAttribute('role', 'tabpanel');
    host.setAttribute('aria-labelledby', `tab-${node}`);
    host.setAttribute('aria-keyshortcuts', FOCUS_SWITCH.aria);
    host.setAttribute('aria-description', t('terminal.toLesson', { key: FOCUS_SWITCH.label }));
    host.dataset.terminal = '';
    host.dataset.node = node;
    area.querySelector('[data-terminal-notice]')?.before(host);
    return host;
  };

  const onState = (node: string, state: SocketState) => {
    const { setConnection } = store.getState();
    const host = area.querySelector<HTMLElement>(`[data-terminal][data-node="${node}"]`);
    if (host) host.dataset.state = state.kind;
    // A refused or ended session is over for every node; other states of extra nodes stay on their tab.
    if (state.kind === 'ended') return setConnection('ended', state.message);
    if (node !== 'node1') return;
    if (state.kind === 'ready') setConnection('ready', state.restored ? 'status.restored' : 'status.ready');
    else if (state.kind === 'reconnecting') setConnection('reconnecting');
    else if (state.kind === 'lost') onLost();
  };

  const connect = (node: string) => {
    const island = islands.get(node);
    const runtime = connected;
    if (island && runtime) island.connect((events) => runtime.openShell(node, events));
  };

  const render = () => {
    const { nodes, activeNode, connection } = store.getState();
    for (const node of nodes) {
      if (islands.has(node)) continue;
      islands.set(node, mountTerminal(hostOf(node), {
        onState: (state) => onState(node, state),
        onMessage: (message) => store.getState().applyServerMessage(message),
        newShellNotice: t('terminal.newShell'),
      }));
      connect(node);
    }
    for (const [node, island] of islands) {
      if (nodes.includes(node)) continue;
      island.dispose();
      islands.delete(node);
      area.querySelector(`[data-terminal][data-node="${node}"]`)?.remove();
    }
    for (const host of area.querySelectorAll<HTMLElement>('[data-terminal]')) host.hidden = host.dataset.node !== activeNode;
    const usable = connection.status !== 'ended' && connection.status !== 'error';
    for (const island of islands.values()) island.setInputEnabled(usable);
    window.slipwayTerminal = islands.get(activeNode)?.terminal;
  };

  store.subscribe((state, previous) => {
    if (state.runtime !== previous.runtime && state.runtime && !connected) {
      connected = state.runtime;
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
    const { activeTab, showTab } = store.getState();
    if (activeTab !== detail.node) showTab(detail.node);
    if (island.sendInput(detail.text)) event.preventDefault();
  });

  const active = () => islands.get(store.getState().activeNode) ?? islands.get('node1');
  const show = () => {
    const { activeTab, activeNode, showTab } = store.getState();
    if (activeTab !== activeNode) showTab(activeNode);
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
