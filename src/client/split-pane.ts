// The separator between the lesson and the workspace: drag it, or focus it and use the arrow keys (Shift for
// bigger steps, Home/End for the limits, Enter to go back to half and half). The width is remembered.
import { SPLIT_MAX, SPLIT_MIN } from '../../shared/contracts/browser-state-schemas.ts';

const STEP = 2;
const BIG_STEP = 10;

export function mountSplitPane(page: HTMLElement, handle: HTMLElement, initial: number | undefined, save: (split: number) => void): void {
  let split = initial ?? 50;
  const apply = (value: number, persist: boolean) => {
    split = Math.round(Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, value)) * 10) / 10;
    document.documentElement.style.setProperty('--split', `${split}%`);
    handle.setAttribute('aria-valuenow', String(Math.round(split)));
    if (persist) save(split);
  };
  apply(split, false);

  handle.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const next: Record<string, number> = { ArrowLeft: split - step, ArrowRight: split + step, Home: SPLIT_MIN, End: SPLIT_MAX, Enter: 50 };
    const value = next[event.key];
    if (value === undefined) return;
    event.preventDefault();
    apply(value, true);
  });

  handle.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    page.dataset.resizing = 'true';
    const box = page.getBoundingClientRect();
    const drag = new AbortController();
    const stop = () => {
      drag.abort();
      delete page.dataset.resizing;
      save(split);
    };
    handle.addEventListener('pointermove', (moved) => apply(((moved.clientX - box.left) / box.width) * 100, false), { signal: drag.signal });
    handle.addEventListener('pointerup', stop, { signal: drag.signal });
    handle.addEventListener('pointercancel', stop, { signal: drag.signal });
  });
}
