// Clipboard keys in the terminal, as in a desktop terminal: Ctrl+V / Ctrl+Shift+V (Cmd+V on a Mac) paste
// instead of typing ^V, Ctrl+Shift+C (Cmd+C) copies the selection. Ctrl+C stays the shell's interrupt.
import type { Terminal } from '@xterm/xterm';

export type KeyAction = 'paste' | 'copy' | null;

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** What a key event means for the clipboard; null for keys the shell should get. */
export function clipboardAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, mac: boolean): KeyAction {
  const key = event.key.toLowerCase();
  const command = mac ? event.metaKey : event.ctrlKey;
  if (!command || event.altKey) return null;
  if (key === 'v') return 'paste';
  if (key === 'c' && (mac || event.shiftKey)) return 'copy';
  return null;
}

/** Lets the browser paste (xterm then sends the text, bracketed) and copies the selection on the copy keys. */
export function installClipboardKeys(terminal: Terminal): void {
  const mac = isMac();
  terminal.attachCustomKeyEventHandler((event) => {
    const action = clipboardAction(event, mac);
    if (action === null) return true;
    if (action === 'copy') {
      // Without a selection Cmd+C has nothing to copy; Ctrl+Shift+C never interrupts.
      if (!terminal.hasSelection()) return mac ? true : false;
      if (event.type === 'keydown') {
        event.preventDefault();
        void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => undefined);
      }
    }
    // Paste: returning false leaves the key to the browser, whose paste event xterm turns into input.
    return false;
  });
}
