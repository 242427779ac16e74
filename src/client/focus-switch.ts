// Keyboard users cannot Tab out of the terminal (the shell needs Tab), so Ctrl+Shift+E moves focus
// between the lesson and the terminal, returning to where the learner was in the lesson.
/** The shortcut as aria-keyshortcuts spells it, and as the page shows it. */
export const FOCUS_SWITCH = { aria: 'Control+Shift+E', label: 'Ctrl+Shift+E' } as const;

export function installFocusSwitch(lessonPane: HTMLElement, terminalPane: HTMLElement, focusTerminal: () => void): void {
  let lastInLesson: HTMLElement | null = null;
  lessonPane.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLElement) lastInLesson = event.target;
  });

  // Capture phase on the document, so the keystroke never reaches xterm (and the shell).
  document.addEventListener('keydown', (event) => {
    if (!event.ctrlKey || !event.shiftKey || event.altKey || event.metaKey || event.key.toLowerCase() !== 'e') return;
    event.preventDefault();
    event.stopPropagation();
    if (terminalPane.contains(document.activeElement)) (lastInLesson?.isConnected ? lastInLesson : lessonPane).focus();
    else focusTerminal();
  }, { capture: true });
}
