// The Editor tab's code (CodeMirror, the file tree) loads on first opening of the tab, never with the page.
// A lesson's "Open in editor" (the slipway:open-file event) is taken here, while the editor may not exist yet:
// it shows the tab, waits for the editor, then opens the file in it.
import { EDITOR_TAB, type LessonStore } from '../lesson-store.ts';
import { OPEN_FILE_EVENT, type OpenFileDetail } from '../lesson-events.ts';
import type { Translate } from '../localize.ts';
import type { EditorPanel } from '../editor/editor-panel.ts';

export interface EditorLoader {
  /** Loads the editor into its panel (once); resolves to null when it could not load (the panel says why). */
  load(): Promise<EditorPanel | null>;
}

export function mountEditorLoader(panel: HTMLElement, store: LessonStore, t: Translate, onSaved: () => void): EditorLoader {
  let loading: Promise<EditorPanel | null> | null = null;
  const load = (): Promise<EditorPanel | null> =>
    (loading ??= import('../editor/editor-panel.ts').then(
      ({ mountEditorPanel }) => mountEditorPanel(panel, store, t, onSaved),
      (error: unknown) => {
        loading = null;
        panel.textContent = t('editor.loadFailed', { reason: (error as Error).message });
        return null;
      },
    ));

  document.addEventListener(OPEN_FILE_EVENT, (event) => {
    const { detail } = event as CustomEvent<OpenFileDetail>;
    if (!store.getState().nodes.includes(detail.node)) return; // not ours: the sender says there is no editor for it
    event.preventDefault();
    store.getState().showTab(EDITOR_TAB);
    void load().then((editor) => editor?.show(detail));
  });
  return { load };
}
