// The xterm.js terminal in the right pane: sized to its container, wired to the session's websocket.
import '@xterm/xterm/css/xterm.css';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { LessonStore } from './lesson-store.ts';
import { connectTerminalSocket, terminalUrl, type TerminalSocket } from './terminal-socket.ts';
import { createFlowControl } from './flow-control.ts';

export interface TerminalIsland {
  terminal: Terminal;
  connect(session: { id: string; token: string }): void;
  /** Types text into the shell as if the learner had; false when not connected. */
  sendInput(text: string): boolean;
  /** Asks the server to run a step's check now; false when not connected. */
  sendCheck(step: string): boolean;
  focus(): void;
}

export function mountTerminal(host: HTMLElement, store: LessonStore): TerminalIsland {
  const terminal = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, "Cascadia Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: { background: '#0d1117', foreground: '#e6edf3', cursor: '#e6edf3', selectionBackground: '#264f78' },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);

  // Coalesce bursts of container resizes (window drag, layout shifts) into one fit per frame.
  let fitQueued = false;
  const fitSoon = () => {
    if (fitQueued) return;
    fitQueued = true;
    requestAnimationFrame(() => {
      fitQueued = false;
      fit.fit();
    });
  };
  new ResizeObserver(fitSoon).observe(host);
  fitSoon();

  let socket: TerminalSocket | null = null;
  const encoder = new TextEncoder();
  const sendResize = () => socket?.sendMessage({ type: 'resize', cols: terminal.cols, rows: terminal.rows }) ?? false;
  const flow = createFlowControl((paused) => socket?.sendMessage({ type: 'flow', paused }));

  terminal.onData((data) => socket?.sendBytes(encoder.encode(data)));
  // Some mouse reports are raw bytes that are not valid UTF-8 (xterm's onBinary contract).
  terminal.onBinary((data) => socket?.sendBytes(Uint8Array.from(data, (char) => char.charCodeAt(0) & 0xff)));
  terminal.onResize(sendResize);
  // Once the session is over, typing would go nowhere; the notice over the terminal says what to do instead.
  store.subscribe(({ connection }) => {
    terminal.options.disableStdin = connection.status === 'ended' || connection.status === 'error';
  });

  return {
    terminal,
    connect(session) {
      socket = connectTerminalSocket(terminalUrl(session), store, {
        onOpen: () => {
          flow.reset();
          sendResize();
        },
        onShell({ restored, reconnected }) {
          // The snapshot that follows is the whole screen: start from a blank terminal so nothing shows twice.
          if (restored) terminal.reset();
          else if (reconnected) terminal.write('\r\n\x1b[2m(reconnected: your previous shell had ended; this is a new one in the same sandbox)\x1b[0m\r\n');
        },
        onBytes: (bytes) => terminal.write(bytes, flow.track(bytes.length)),
      });
    },
    sendInput: (text) => socket?.sendBytes(encoder.encode(text)) ?? false,
    sendCheck: (step) => socket?.sendMessage({ type: 'check', step }) ?? false,
    focus: () => terminal.focus(),
  };
}
