// The buttons on the lesson's code blocks (markup from shared/lesson-format/lesson-markdown.ts): Run (with its
// modifiers: interrupt, no-enter, node), Copy, and on file blocks "Apply to file" and "Open in editor".
// They are real <button>s, so Tab/Enter/Space work; results show on the button and in the block's status line.
import { flashLabel } from './flash-label.ts';
import { runInput } from './run-input.ts';
import { applyFile } from './apply-file.ts';
import { dispatchLessonEvent, OPEN_FILE_EVENT, TERMINAL_INPUT_EVENT } from './lesson-events.ts';
import type { LessonStore } from './lesson-store.ts';
import type { Translate } from './localize.ts';

export function mountCodeActions(root: HTMLElement, store: LessonStore, sendInput: (text: string) => boolean, t: Translate): void {
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.code-block button[data-action]');
    const block = button?.closest<HTMLElement>('.code-block');
    const code = block?.querySelector('pre code')?.textContent;
    if (!button || !block || code == null) return;
    switch (button.dataset.action) {
      case 'run':
        return run(button, block, code);
      case 'copy':
        return void copy(button, code, t);
      case 'apply':
        return void apply(button, block, code);
      case 'open':
        return open(button, block, code);
    }
  });

  function run(button: HTMLButtonElement, block: HTMLElement, code: string): void {
    const text = runInput(code, { interrupt: 'runInterrupt' in block.dataset, noEnter: 'runNoEnter' in block.dataset });
    const node = block.dataset.runNode ?? 'node1';
    // Another node's terminal (or a page with several) takes the input through the event; node1 falls back to ours.
    if (dispatchLessonEvent(TERMINAL_INPUT_EVENT, { node, text })) return;
    if (node !== 'node1') flashLabel(button, t('code.noTerminal', { node }));
    else if (!sendInput(text)) flashLabel(button, t('code.notConnected'));
  }

  async function apply(button: HTMLButtonElement, block: HTMLElement, code: string): Promise<void> {
    const runtime = store.getState().runtime;
    if (!runtime) return flashLabel(button, t('code.notConnected'));
    button.setAttribute('aria-busy', 'true');
    const result = await applyFile(runtime.files, { node: block.dataset.fileNode ?? 'node1', path: block.dataset.file ?? '', content: withFinalNewline(code) }, t);
    button.setAttribute('aria-busy', 'false');
    flashLabel(button, result.ok ? t('code.applied') : t('code.notApplied'));
    status(block, result.message, result.ok);
  }

  function open(button: HTMLButtonElement, block: HTMLElement, code: string): void {
    const detail = { node: block.dataset.fileNode ?? 'node1', path: block.dataset.file ?? '', content: withFinalNewline(code) };
    if (!dispatchLessonEvent(OPEN_FILE_EVENT, detail)) flashLabel(button, t('code.noEditor'));
  }
}

const withFinalNewline = (code: string) => (code.endsWith('\n') ? code : `${code}\n`);

/** A line under the block saying what happened (announced to screen readers). */
function status(block: HTMLElement, message: string, ok: boolean): void {
  let line = block.querySelector<HTMLElement>('.code-status');
  if (!line) {
    line = document.createElement('p');
    line.className = 'code-status';
    line.setAttribute('role', 'status');
    block.append(line);
  }
  line.dataset.ok = String(ok);
  line.textContent = message;
}

async function copy(button: HTMLButtonElement, code: string, t: Translate): Promise<void> {
  try {
    await navigator.clipboard.writeText(code);
    flashLabel(button, t('code.copied'));
  } catch (error) {
    console.warn('[slipway] clipboard write failed:', error);
    flashLabel(button, t('code.copyFailed'));
  }
}
