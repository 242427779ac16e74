// The Run and Copy buttons on the lesson's code blocks (markup from src/lesson-format/lesson-markdown.ts).
import { flashLabel } from './flash-label.ts';
import type { Translate } from './localize.ts';

export function mountCodeActions(root: HTMLElement, sendInput: (text: string) => boolean, t: Translate): void {
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.code-block button[data-action]');
    const code = button?.closest('.code-block')?.querySelector('code')?.textContent;
    if (!button || code == null) return;
    if (button.dataset.action === 'run') run(button, code);
    else if (button.dataset.action === 'copy') void copy(button, code, t);
  });

  function run(button: HTMLButtonElement, code: string): void {
    // Type it as the learner would: Enter is a carriage return, one per line.
    if (!sendInput(`${code.replaceAll('\n', '\r')}\r`)) flashLabel(button, t('code.notConnected'));
  }
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
