// "Export or import progress": writes this browser's progress to a JSON file, or merges one back in after
// validating all of it (shared/contracts/browser-state-schemas.ts).
import { exportProgress, importProgress, loadProgress } from '../storage/progress-storage.ts';
import type { KeyValueStore } from '../storage/browser-storage.ts';
import type { Translate } from '../localize.ts';

export function mountProgressDialog(storage: KeyValueStore, t: Translate, onImported: () => void): void {
  const open = document.querySelector<HTMLButtonElement>('[data-progress-open]');
  const dialog = document.querySelector<HTMLDialogElement>('[data-progress-dialog]');
  const exportButton = dialog?.querySelector<HTMLButtonElement>('[data-progress-export]');
  const input = dialog?.querySelector<HTMLInputElement>('[data-progress-import]');
  const result = dialog?.querySelector<HTMLElement>('[data-progress-result]');
  if (!open || !dialog || !exportButton || !input || !result) return;

  open.hidden = false;
  open.addEventListener('click', () => {
    result.textContent = '';
    dialog.showModal();
  });

  exportButton.addEventListener('click', () => {
    const now = new Date();
    const file = new Blob([`${JSON.stringify(exportProgress(loadProgress(storage).lessons, now), null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(file);
    link.download = `slipway-progress-${now.toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });

  // importFile cannot fail (an unreadable file is reported as not JSON), so the listener has no promise to keep.
  const importFile = async (): Promise<void> => {
    const file = input.files?.[0];
    if (!file) return;
    const outcome = importProgress(storage, await file.text().catch(() => ''));
    input.value = '';
    result.dataset.ok = String(outcome.ok);
    if (outcome.ok) {
      result.textContent = t('progress.imported', { count: outcome.lessons });
      onImported();
    } else {
      result.textContent = outcome.reason === 'not-json' ? t('progress.notJson') : t('progress.notProgress');
    }
  };
  input.addEventListener('change', () => void importFile());
}
