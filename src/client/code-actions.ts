// The Run and Copy buttons on the lesson's code blocks (markup from src/lesson-format/lesson-markdown.ts).
import { flashLabel } from './flash-label.ts';

export function mountCodeActions(root: HTMLElement, sendInput: (text: string) => boolean): void {
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.code-block button[data-action]');
    const code = button?.closest('.code-block')?.querySelector('code')?.textContent;
    if (!button || code == null) return;
    if (button.dataset.action === 'run') run(button, code);
    else if (button.dataset.action === 'copy') void copy(button, code);
  });

  function run(button: HTMLButtonElement, code: string): void {
    // Type it as the learner would: Enter is a carriage return, one per line.
    if (!sendInput(`${code.replaceAll('\n', '\r')}\r`)) flashLabel(button, 'Not connected');
  }
}

async function copy(button: HTMLButtonElement, code: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(code);
    flashLabel(button, 'Copied');
  } catch (error) {
    console.warn('[slipway] clipboard write failed:', error);
    flashLabel(button, 'Copy failed');
  }
}
