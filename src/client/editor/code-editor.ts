// CodeMirror 6 for sandbox files: highlighting picked from the file name, Ctrl/Cmd-S to save, colours from the
// page's theme (CSS variables), so it follows light and dark.
// Not basicSetup: autocomplete, lint and search would add a third to a chunk learners download on first use.
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { EditorState, type Extension } from '@codemirror/state';
import { bracketMatching, defaultHighlightStyle, indentOnInput, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { yaml } from '@codemirror/legacy-modes/mode/yaml';
import { properties } from '@codemirror/legacy-modes/mode/properties';

export interface CodeEditor {
  open(path: string, content: string): void;
  content(): string;
  focus(): void;
  view: EditorView;
}

function languageFor(path: string): Extension {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile') || name === 'containerfile') return StreamLanguage.define(dockerFile);
  if (/\.(ya?ml)$/.test(name)) return StreamLanguage.define(yaml);
  if (/\.(sh|bash)$/.test(name) || name === '.bashrc' || name === '.profile') return StreamLanguage.define(shell);
  if (/\.(env|ini|properties|conf)$/.test(name) || name === '.env') return StreamLanguage.define(properties);
  return [];
}

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', fontSize: '0.875rem' },
  '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--text-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 14%, transparent)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
});

export function createCodeEditor(parent: HTMLElement, events: { onSave(): void; onChange(): void }): CodeEditor {
  const extensions = (path: string) => [
    // Before basicSetup's keymaps, so Mod-s never reaches the browser's "Save page".
    keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (events.onSave(), true) }]),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    // Tab is left to the browser (no indentWithTab): keyboard users must be able to leave the editor.
    keymap.of([...defaultKeymap, ...historyKeymap]),
    EditorView.lineWrapping,
    theme,
    languageFor(path),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) events.onChange();
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions: extensions('') }) });
  return {
    view,
    open(path, content) {
      view.setState(EditorState.create({ doc: content, extensions: extensions(path) }));
    },
    content: () => view.state.doc.toString(),
    focus: () => view.focus(),
  };
}
