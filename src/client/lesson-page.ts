// Entry point of a lesson page: builds the store from the page's step list, mounts the views and the
// terminal, then opens (or resumes) this tab's sandbox session and connects the terminal to it.
import type { Terminal } from '@xterm/xterm';
import { createLessonStore, StepListSchema, type LessonStore } from './lesson-store.ts';
import { openSession } from './session-client.ts';
import { mountTerminal } from './terminal-island.ts';
import { mountConnectionStatus } from './connection-status.ts';
import { mountLessonView } from './lesson-view.ts';
import { mountCodeActions } from './code-actions.ts';
import { installFocusSwitch } from './focus-switch.ts';
import { mountQuizzes } from './quiz-view.ts';

declare global {
  interface Window {
    /** For end-to-end tests, which read `slipwayTerminal.buffer.active`. */
    slipwayTerminal?: Terminal;
    slipwayStore?: LessonStore;
  }
}

function element<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`lesson page markup is missing ${selector}`);
  return found;
}

function start(page: HTMLElement): void {
  const lesson = page.dataset.lesson ?? '';
  const store = createLessonStore(StepListSchema.parse(JSON.parse(page.dataset.steps ?? '[]')));
  const lessonPane = element(page, '[data-lesson-pane]');
  const terminalPane = element(page, '[data-terminal-pane]');
  const island = mountTerminal(element(terminalPane, '[data-terminal]'), store);
  window.slipwayStore = store;
  window.slipwayTerminal = island.terminal;

  mountConnectionStatus(store, element(terminalPane, '[data-status-line]'), element(terminalPane, '[data-terminal-notice]'));
  mountLessonView(lessonPane, store, island.sendCheck);
  mountCodeActions(lessonPane, store, island.sendInput);
  mountQuizzes(lessonPane, store);
  installFocusSwitch(lessonPane, terminalPane, island.focus);

  openSession(lesson).then(
    ({ session, completed }) => {
      store.getState().setSession({ id: session.id, token: session.token });
      store.getState().markCompleted(completed);
      island.connect(session);
    },
    (error: unknown) => store.getState().setConnection('error', error instanceof Error ? error.message : String(error)),
  );
}

const page = document.querySelector<HTMLElement>('[data-lesson-page]');
if (page) start(page);
