// Watches one learner's terminal, read-only: an xterm that never sends a keystroke, fed by the watch socket.
import '@xterm/xterm/css/xterm.css';
import { Terminal } from '@xterm/xterm';
import { WatchMessageSchema } from '../../shared/contracts/workshop-schemas.ts';
import type { Translate } from './localize.ts';
import { openApiSocket } from './api-socket.ts';

export interface WatchView {
  terminal: Terminal;
  close(): void;
}

/** `lessonTitle`: a lesson's title in the page's language, from its slug. */
export function watchLearner(host: HTMLElement, path: string, token: string, onStatus: (text: string, live: boolean) => void, t: Translate, lessonTitle: (slug: string) => string): WatchView {
  const terminal = new Terminal({
    disableStdin: true,
    cursorBlink: false,
    fontFamily: 'ui-monospace, "Cascadia Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: 13,
    scrollback: 2000,
    theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#0d1117', selectionBackground: '#264f78' },
  });
  terminal.open(host);
  let closedByUs = false;
  const socket = openApiSocket(path, token, WatchMessageSchema, {
    onBytes: (bytes) => terminal.write(bytes),
    onFrame(message) {
      // The learner's screen size, so their lines wrap here exactly as they do for them.
      terminal.resize(message.cols, message.rows);
      if (message.type === 'watching') onStatus(t('dash.readOnly', { lesson: lessonTitle(message.lesson) }), true);
    },
    // The server's reason is English; the page says it in its own language.
    onClose() {
      if (!closedByUs) onStatus(t('dash.watchClosed'), false);
    },
  });
  return {
    terminal,
    close() {
      closedByUs = true;
      socket.close();
      terminal.dispose();
    },
  };
}
