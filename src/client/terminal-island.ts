// One node's xterm.js terminal: sized to its container, wired to that node's websocket.
import '@xterm/xterm/css/xterm.css';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { ServerMessage } from '../../shared/contracts/protocol.ts';
import type { SocketState, TerminalSocket, TerminalSocketEvents } from './terminal-socket.ts';
import { createFlowControl } from './flow-control.ts';
import { installClipboardKeys } from './terminal-keys.ts';

export interface TerminalIsland {
  terminal: Terminal;
  /**
   * Wires the terminal to a shell: `open` is the lesson runtime's (a sandbox's websocket, asking for the shell
   * this terminal drove before a reload; or a WebContainer's jsh).
   */
  connect(open: (events: TerminalSocketEvents) => TerminalSocket): void;
  /** Types text into the shell as if the learner had; false when not connected. */
  sendInput(text: string): boolean;
  /** Asks the server to run a step's check now; false when not connected. */
  sendCheck(step: string): boolean;
  /** Once the session is over typing would go nowhere; the notice over the terminal says what to do instead. */
  setInputEnabled(enabled: boolean): void;
  focus(): void;
  dispose(): void;
}

export interface TerminalIslandEvents {
  onState(state: SocketState): void;
  onMessage(message: ServerMessage): void;
  /** The shell the terminal now drives (to ask for it again after a reload). */
  onShell(id: string): void;
  /** The learner pressed Enter (typed, pasted or through a Run button): a command was sent. */
  onEnter(): void;
  /** The dimmed line written when a reconnect finds the old shell gone. */
  newShellNotice: string;
}

export function mountTerminal(host: HTMLElement, events: TerminalIslandEvents): TerminalIsland {
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
  installClipboardKeys(terminal);

  // Coalesce bursts of container resizes (window drag, split drag) into one fit per frame.
  let fitQueued = false;
  const fitSoon = () => {
    if (fitQueued) return;
    fitQueued = true;
    requestAnimationFrame(() => {
      fitQueued = false;
      // A hidden tab has no size: fit once it is shown again (the observer fires then).
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    });
  };
  const observer = new ResizeObserver(fitSoon);
  observer.observe(host);
  fitSoon();

  let socket: TerminalSocket | null = null;
  const encoder = new TextEncoder();
  const sendResize = () => socket?.sendMessage({ type: 'resize', cols: terminal.cols, rows: terminal.rows }) ?? false;
  const flow = createFlowControl((paused) => socket?.sendMessage({ type: 'flow', paused }));

  const type = (text: string): boolean => {
    const sent = socket?.sendBytes(encoder.encode(text)) ?? false;
    if (sent && text.includes('\r')) events.onEnter();
    return sent;
  };
  terminal.onData(type);
  // Some mouse reports are raw bytes that are not valid UTF-8 (xterm's onBinary contract).
  terminal.onBinary((data) => socket?.sendBytes(Uint8Array.from(data, (char) => char.charCodeAt(0) & 0xff)));
  terminal.onResize(sendResize);

  return {
    terminal,
    connect(open) {
      socket = open({
        onState(state) {
          if (state.kind === 'open') {
            flow.reset();
            sendResize();
          }
          events.onState(state);
        },
        onShell({ id, restored, replaced, reset }) {
          // The snapshot that follows is the whole screen, and a reset sandbox's old screen is stale: start
          // from a blank terminal so nothing shows twice.
          if (restored || reset) terminal.reset();
          else if (replaced) terminal.write(`\r\n\x1b[2m${events.newShellNotice}\x1b[0m\r\n`);
          events.onShell(id);
        },
        onBytes: (bytes) => terminal.write(bytes, flow.track(bytes.length)),
        onMessage: events.onMessage,
      });
    },
    sendInput: type,
    sendCheck: (step) => socket?.sendMessage({ type: 'check', step }) ?? false,
    setInputEnabled(enabled) {
      terminal.options.disableStdin = !enabled;
    },
    focus: () => terminal.focus(),
    dispose() {
      socket?.close();
      observer.disconnect();
      terminal.dispose();
    },
  };
}
