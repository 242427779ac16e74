// The Editor tab, loaded on first open (with CodeMirror): a file tree of the sandbox on the node the learner
// is on, and an editor saving with Ctrl-S through the files API. A lesson's "Open in editor" opens a file
// block's text here, unsaved, for the learner to review and save.
import type { FileEntry } from '../../../shared/contracts/api-schemas.ts';
import type { LessonStore } from '../lesson-store.ts';
import type { OpenFileDetail } from '../lesson-events.ts';
import type { Translate } from '../localize.ts';
import { element } from '../dom.ts';
import { createCodeEditor } from './code-editor.ts';
import { joinPath, parentPath } from './files-api.ts';

const HOME = '/root';

export interface EditorPanel {
  /** Opens `path` on `node`: with `content` when given (unsaved until the learner saves), else as it is in the sandbox. */
  show(file: Pick<OpenFileDetail, 'node' | 'path'> & { content?: string }): Promise<void>;
}

/** `onSaved`: a file was written, so the step the learner is on may be done (checks otherwise wait for a command). */
export function mountEditorPanel(panel: HTMLElement, store: LessonStore, t: Translate, onSaved: () => void): EditorPanel {
  panel.replaceChildren(layout(t));
  const tree = element(panel, '[data-tree]');
  const treeLabel = element(panel, '[data-tree-label]');
  const rootLabel = element(panel, '[data-tree-root]');
  const newFileForm = element<HTMLFormElement>(panel, '[data-new-file]');
  const newFileInput = element<HTMLInputElement>(newFileForm, 'input');
  const newFileLabel = element(panel, '[data-new-file-label]');
  const pathLabel = element(panel, '[data-editor-path]');
  const stateLabel = element(panel, '[data-editor-state]');
  const saveButton = element<HTMLButtonElement>(panel, '[data-editor-save]');
  const host = element(panel, '[data-editor-host]');

  let root = HOME;
  let node = store.getState().activeNode;
  let open: { node: string; path: string } | null = null;
  let dirty = false;
  const files = () => store.getState().runtime?.files;
  const say = (text: string, kind: 'ok' | 'error' | 'info' = 'info') => {
    stateLabel.textContent = text;
    stateLabel.dataset.kind = kind;
  };

  const editor = createCodeEditor(host, {
    onSave: () => void save(),
    onChange() {
      if (!open || dirty) return;
      dirty = true;
      say(t('editor.unsaved'));
    },
  });

  async function save(): Promise<void> {
    const current = files();
    if (!open || !current) return;
    saveButton.disabled = true;
    say(t('editor.saving'));
    try {
      await current.write(open.node, open.path, editor.content());
      dirty = false;
      say(t('editor.saved', { path: open.path }), 'ok');
      onSaved();
      // Refilling the tree would fold every open folder: only a file it does not list yet needs it.
      if (!tree.querySelector(`[data-file="${CSS.escape(open.path)}"]`)) await showDirectory(parentPath(open.path));
    } catch (error) {
      say(t('editor.failed', { reason: (error as Error).message }), 'error');
    } finally {
      saveButton.disabled = false;
    }
  }

  async function openFile(path: string, on = node, content?: string): Promise<void> {
    const current = files();
    if (!current) return;
    if (dirty && open && !confirm(`${t('editor.unsaved')}: ${open.path}`)) return;
    try {
      const file = content === undefined ? await current.read(on, path) : { path, content };
      open = { node: on, path: file.path };
      editor.open(file.path, file.content);
      // Text handed over by the lesson is not in the sandbox until saved.
      dirty = content !== undefined;
      pathLabel.textContent = `${on}:${file.path}`;
      saveButton.disabled = false;
      say(dirty ? t('editor.unsaved') : '');
      for (const item of tree.querySelectorAll('[aria-current]')) item.removeAttribute('aria-current');
      tree.querySelector(`[data-file="${CSS.escape(file.path)}"]`)?.setAttribute('aria-current', 'true');
      editor.focus();
    } catch (error) {
      say(t('editor.failed', { reason: (error as Error).message }), 'error');
    }
  }

  /** Lists a directory into a list element: folders first, each folder expandable in place. */
  async function fill(list: HTMLElement, path: string): Promise<void> {
    const current = files();
    if (!current) return;
    const listing = await current.list(node, path);
    const entries = [...listing.entries].sort((a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || a.name.localeCompare(b.name));
    if (entries.length === 0) {
      const item = document.createElement('li');
      item.className = 'tree-empty';
      item.textContent = t('editor.empty');
      list.replaceChildren(item);
      return;
    }
    list.replaceChildren(...entries.map((entry) => treeItem(listing.path, entry)));
  }

  function treeItem(directory: string, entry: FileEntry): HTMLElement {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    const path = joinPath(directory, entry.name);
    button.textContent = entry.name;
    button.className = `tree-entry tree-${entry.kind}`;
    item.append(button);
    if (entry.kind === 'directory') {
      button.setAttribute('aria-expanded', 'false');
      const children = document.createElement('ul');
      children.hidden = true;
      item.append(children);
      button.addEventListener('click', () => {
        const expand = button.getAttribute('aria-expanded') !== 'true';
        button.setAttribute('aria-expanded', String(expand));
        children.hidden = !expand;
        if (expand) void fill(children, path).catch((error: unknown) => say(t('editor.failed', { reason: (error as Error).message }), 'error'));
      });
    } else if (entry.kind === 'file' || entry.kind === 'symlink') {
      button.dataset.file = path;
      button.addEventListener('click', () => void openFile(path));
    } else {
      button.disabled = true;
    }
    return item;
  }

  async function showDirectory(path: string): Promise<void> {
    // Saving elsewhere refreshes the tree only when the file sits in the folder shown at the top level.
    if (path !== root && !path.startsWith(`${root}/`)) return;
    rootLabel.textContent = `${node}:${root}`;
    treeLabel.setAttribute('aria-label', t('editor.files', { node }));
    try {
      await fill(tree, root);
    } catch (error) {
      say(t('editor.failed', { reason: (error as Error).message }), 'error');
    }
  }

  panel.querySelector('[data-tree-up]')?.addEventListener('click', () => {
    root = parentPath(root);
    void showDirectory(root);
  });
  panel.querySelector('[data-tree-refresh]')?.addEventListener('click', () => void showDirectory(root));
  panel.querySelector('[data-tree-new]')?.addEventListener('click', () => {
    newFileForm.hidden = false;
    newFileLabel.textContent = t('editor.newFileName', { path: root });
    newFileInput.focus();
  });
  // createFile reports its own failures, so the listener has no promise to keep.
  const createFile = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const name = newFileInput.value.trim();
    const current = files();
    if (!name || name.includes('/') || !current) return;
    const path = joinPath(root, name);
    try {
      await current.write(node, path, '');
      newFileInput.value = '';
      newFileForm.hidden = true;
      await showDirectory(root);
      await openFile(path);
    } catch (error) {
      say(t('editor.failed', { reason: (error as Error).message }), 'error');
    }
  };
  newFileForm.addEventListener('submit', (event) => void createFile(event));
  newFileForm.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') newFileForm.hidden = true;
  });
  saveButton.addEventListener('click', () => void save());
  // Ctrl-S anywhere in the panel (the tree, the Save button) saves rather than saving the web page.
  panel.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  });

  store.subscribe((state, previous) => {
    if (state.activeNode !== previous.activeNode || (state.runtime && !previous.runtime)) {
      node = state.activeNode;
      void showDirectory(root);
    }
  });
  say(t('editor.pick'));
  void showDirectory(root);
  return { show: (file) => openFile(file.path, file.node, file.content) };
}

function layout(t: Translate): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = 'editor-layout';
  wrapper.innerHTML = `
    <nav class="file-tree" data-tree-label>
      <div class="tree-bar">
        <button type="button" class="icon-button" data-tree-up></button>
        <span class="tree-root" data-tree-root></span>
        <button type="button" class="icon-button" data-tree-refresh></button>
        <button type="button" class="icon-button" data-tree-new></button>
      </div>
      <form class="new-file" data-new-file hidden>
        <label><span data-new-file-label></span><input name="name" autocomplete="off" spellcheck="false" required></label>
      </form>
      <ul class="tree" data-tree></ul>
    </nav>
    <div class="editor-main">
      <div class="editor-bar">
        <span class="editor-path" data-editor-path></span>
        <span class="editor-state" data-editor-state role="status" aria-live="polite"></span>
        <button type="button" class="bar-button" data-editor-save disabled></button>
      </div>
      <div class="editor-host" data-editor-host></div>
    </div>`;
  const label = (selector: string, text: string, title?: string) => {
    const element = wrapper.querySelector<HTMLElement>(selector);
    if (!element) return;
    element.textContent = text;
    if (title) {
      element.title = title;
      element.setAttribute('aria-label', title);
    }
  };
  label('[data-tree-up]', '↑', t('editor.up'));
  label('[data-tree-refresh]', '⟳', t('editor.refresh'));
  label('[data-tree-new]', '+', t('editor.newFile'));
  label('[data-editor-save]', t('editor.save'));
  return wrapper;
}
