// Watches one learner's terminal, read-only: an xterm that never sends a keystroke, fed by the watch socket.
import '@xterm/xterm/css/xterm.css';
import { Terminal } from '@xterm/xterm';
import { WatchMessageSchema } from '../../shared/contracts/workshop-schemas.ts';
import type { Translate } from './localize.ts';

export interface WatchView {
  terminal: Terminal;
  close(): void;
}

export function watchLearner(host: HTMLElement, url: string, token: string, onStatus: (text: string, live: boolean) => void, t: Translate): WatchView {
  const terminal = new Terminal({
    disableStdin: true,
    cursorBlink: false,
    fontFamily: 'ui-monospace, "Cascadia Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: 13,
    scrollback: 2000,
    theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#0d1117', selectionBackground: '#264f78' },
  });
  terminal.open(host);
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  let closedByUs = false;
  socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.data instanceof ArrayBuffer) return terminal.write(new Uint8Array(event.data));
    if (typeof event.data !== 'string') return;
    const parsed = WatchMessageSchema.safeParse(JSON.parse(event.data));
    if (!parsed.success) return console.warn('[slipway] ignoring a malformed watch frame');
    // The learner's screen size, so their lines wrap here exactly as they do for them.
    terminal.resize(parsed.data.cols, parsed.data.rows);
    if (parsed.data.type === 'watching') onStatus(t('dash.readOnly', { lesson: parsed.data.lesson }), true);
  });
  socket.addEventListener('close', () => {
    // The server's reason is English; the page says it in its own language.
    if (!closedByUs) onStatus(t('dash.watchClosed'), false);
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
