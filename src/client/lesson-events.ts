// Events the lesson text sends to other islands of the page (terminals per node, the file editor). Whoever
// handles one calls preventDefault(), so the sender knows it was delivered and can say so when it was not.
export const TERMINAL_INPUT_EVENT = 'slipway:terminal-input';
export const OPEN_FILE_EVENT = 'slipway:open-file';

export interface TerminalInputDetail {
  /** node1 … node5. */
  node: string;
  /** Bytes to type, as a learner would (Enter is \r, Ctrl-C is \x03). */
  text: string;
}

export interface OpenFileDetail {
  node: string;
  path: string;
  /** The file block's text, for an editor to offer "apply" or a diff. */
  content: string;
}

/** Dispatches a cancelable event on document; true when a handler took it (called preventDefault). */
export function dispatchLessonEvent(type: typeof TERMINAL_INPUT_EVENT, detail: TerminalInputDetail): boolean;
export function dispatchLessonEvent(type: typeof OPEN_FILE_EVENT, detail: OpenFileDetail): boolean;
export function dispatchLessonEvent(type: string, detail: TerminalInputDetail | OpenFileDetail): boolean {
  return !document.dispatchEvent(new CustomEvent(type, { detail, cancelable: true }));
}
