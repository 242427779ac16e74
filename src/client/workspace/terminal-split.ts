// The split view's controls: above each side a list of the open terminals to pick the one it shows (node1
// beside node2 at first), and a separator between the sides to resize them (pointer or arrow keys). A narrow
// workspace stacks the two (styles/workspace.css); the selection lives in the store's splitPair.
import { SPLIT_TAB, splitTerminals, type LessonState, type LessonStore } from '../lesson-store.ts';
import { mountSplitPane } from '../split-pane.ts';
import { terminalLabel, terminalList } from '../terminal-list.ts';

export interface TerminalSplit {
  render(state: LessonState): void;
}

export function mountTerminalSplit(area: HTMLElement, store: LessonStore): TerminalSplit {
  const choices = [...area.querySelectorAll<HTMLElement>('[data-split-choice]')];
  const selects = [...area.querySelectorAll<HTMLSelectElement>('[data-split-select]')];
  const handle = area.querySelector<HTMLElement>('[data-pair-handle]');
  if (handle) mountSplitPane(area, handle, undefined, null, { element: area, property: '--pair' });

  selects.forEach((select, side) => {
    select.addEventListener('change', () => {
      const pair = splitTerminals(store.getState());
      const other = pair[1 - side] ?? pair[0];
      // Picking the terminal the other side shows swaps the two.
      const chosen = select.value;
      const next: [string, string] = side === 0 ? [chosen, chosen === other ? pair[0] : other] : [chosen === other ? pair[1] : other, chosen];
      store.getState().setSplitPair(next);
    });
  });

  return {
    render(state) {
      const split = state.activeTab === SPLIT_TAB;
      area.classList.toggle('split', split);
      for (const choice of choices) choice.hidden = !split;
      if (handle) handle.hidden = !split;
      if (!split) return;
      const open = terminalList(state.nodes, state.extraTerminals);
      const pair = splitTerminals(state);
      selects.forEach((select, side) => {
        select.replaceChildren(...open.map((key) => new Option(terminalLabel(key), key, false, key === pair[side])));
      });
    },
  };
}
