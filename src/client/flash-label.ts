// Briefly swaps a button's label ("Copied", "Not connected") so the result of a click is visible where it happened.
const timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

export function flashLabel(button: HTMLElement, label: string, ms = 1500): void {
  // data-flashing keeps the real label, so a second click during the flash does not make "Copied" permanent.
  const original = button.dataset.flashing ?? button.textContent ?? '';
  clearTimeout(timers.get(button));
  button.dataset.flashing = original;
  button.textContent = label;
  timers.set(button, setTimeout(() => {
    button.textContent = original;
    delete button.dataset.flashing;
  }, ms));
}
