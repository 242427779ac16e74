// Entry point of a lesson page: builds the shared store from the page's step list, restores the learner's
// progress and layout, mounts the views and the workspace, then opens (or resumes) this tab's sandbox session.
import type { Terminal } from '@xterm/xterm';
import { createLessonStore, currentStepId, EDITOR_TAB, StepListSchema, type LessonStore } from './lesson-store.ts';
import { endSession, openSession, StartProblem } from './session-client.ts';
import { diagnose } from './session-api.ts';
import { mountSiteChrome } from './site-chrome.ts';
import { savePreferences } from './storage/preferences.ts';
import { syncProgress } from './progress-sync.ts';
import { mountConnectionStatus, type ConnectionAction } from './connection-status.ts';
import { mountLessonView } from './lesson-view.ts';
import { mountFinishPanel } from './finish-panel.ts';
import { mountCodeActions } from './code-actions.ts';
import { installFocusSwitch } from './focus-switch.ts';
import { mountSplitPane } from './split-pane.ts';
import { element } from './dom.ts';
import { mountNodeTerminals } from './workspace/node-terminals.ts';
import { mountWorkspaceTabs } from './workspace/workspace-tabs.ts';
import { mountNewTerminalButton } from './workspace/new-terminal-button.ts';
import { mountNodeControls } from './workspace/node-controls.ts';
import { mountSessionBar } from './workspace/session-bar.ts';
import { mountPortsPanel } from './workspace/ports-panel.ts';
import { mountPreviewPane } from './workspace/preview-pane.ts';
import { workspaceReporter } from './workspace/workspace-message.ts';
import { mountEditorLoader } from './workspace/editor-loader.ts';
import { mountQuizzes } from './quiz-view.ts';
import { dockerRuntime } from './runtime/docker-runtime.ts';
import { fallBack, fallbackNotice, startInBrowser } from './runtime/runtime-choice.ts';
import { mountMySandboxes } from './workspace/my-sandboxes.ts';
import { forgetJoinedWorkshop } from './workshop-learner.ts';
import { mountWorkshopContext } from './workshop-context.ts';

declare global {
  interface Window {
    /** For end-to-end tests, which read `slipwayTerminal.buffer.active` (the terminal of the node shown). */
    slipwayTerminal?: Terminal;
    slipwayStore?: LessonStore;
  }
}

/** Phones get the lesson alone (styles/workspace.css hides the workspace): no sandbox is started for them. */
const WIDE_ENOUGH = '(min-width: 48rem)';

function start(page: HTMLElement): void {
  const chrome = mountSiteChrome();
  const { t } = chrome;
  const lesson = page.dataset.lesson ?? '';
  const store = createLessonStore(StepListSchema.parse(JSON.parse(page.dataset.steps ?? '[]')), { locale: chrome.locale });
  window.slipwayStore = store;
  const lessonPane = element(page, '[data-lesson-pane]');
  const workspace = element(page, '[data-terminal-pane]');
  const report = workspaceReporter(element(workspace, '[data-workspace-message]'));

  syncProgress(store, lesson, chrome.storage, (count) => chrome.notify(t('notice.progressDropped', { count })));
  mountSplitPane(page, element(page, '[data-split-handle]'), chrome.preferences.split, (split) => savePreferences(chrome.storage, { split }));

  const terminals = mountNodeTerminals(element(workspace, '[data-terminal-area]'), store, t, report, () => void explainLostConnection(store));
  const sandboxes = mountMySandboxes(workspace, store, t);
  const act = async (action: ConnectionAction) => {
    if (action === 'sessions') return sandboxes.open();
    // A retry keeps the session (the sandbox may be alive); a new sandbox starts from nothing, once the old
    // one is gone (awaited: the server counts it until then); leaving an ended workshop goes on alone.
    const { session } = store.getState();
    if (action === 'new-sandbox' && session) await endSession({ ...session, lesson });
    if (action === 'leave-workshop') forgetJoinedWorkshop();
    location.reload();
  };
  mountConnectionStatus(store, { statusLine: element(workspace, '[data-status-line]'), notice: element(workspace, '[data-terminal-notice]') }, t, (action) => void act(action));
  // A saved file is an attempt at the current step, checked at once (as a command in the terminal would be).
  const checkCurrent = () => {
    const step = currentStepId(store.getState());
    if (step && terminals.sendCheck(step)) store.getState().checkRequested(step);
  };
  const editor = mountEditorLoader(element(workspace, '[data-editor-panel]'), store, t, checkCurrent);
  mountWorkspaceTabs(workspace, store, t, (tab) => {
    if (tab === EDITOR_TAB) void editor.load();
  });
  mountNewTerminalButton(workspace, store, t, report);
  mountNodeControls(workspace, store, Number(workspace.dataset.maxNodes ?? 1), t, report);
  mountSessionBar(workspace, store, t, report);
  mountPortsPanel(workspace, store, t);
  mountPreviewPane(workspace, store, t);
  store.subscribe((state, previous) => {
    if (state.notice && state.notice !== previous.notice) report(state.notice.message);
  });
  mountLessonView(lessonPane, store, terminals.sendCheck, t);
  mountFinishPanel(element(lessonPane, '[data-finish-panel]'), store, t);
  mountWorkshopContext(element(lessonPane, '[data-workshop-context]'), lesson, t);
  mountCodeActions(lessonPane, store, terminals.sendInput, t);
  mountQuizzes(lessonPane, store, t);
  installFocusSwitch(lessonPane, workspace, terminals.focus);

  const notice = fallbackNotice(location.search);
  if (notice) chrome.notify(t(notice));
  const start = () => void (page.dataset.runtime === 'webcontainer' && !notice ? beginInBrowser(store, lesson, page.dataset.webcontainer ?? '{}') : begin(store, lesson));
  const wide = matchMedia(WIDE_ENOUGH);
  if (wide.matches) start();
  else wide.addEventListener('change', start, { once: true });
}

/** A webcontainer lesson: in this tab when it can, else (unless the server forbids it) in its fallback sandbox. */
async function beginInBrowser(store: LessonStore, lesson: string, payload: string): Promise<void> {
  const outcome = await startInBrowser(store, lesson, payload).catch((error: unknown) => {
    console.error('[slipway] the WebContainer could not run the lesson:', error);
    return { started: false, failure: 'refused', browserOnly: false } as const;
  });
  if (outcome.started) return;
  if (outcome.browserOnly) store.getState().setConnection('error', 'runtime.browserOnly');
  else fallBack(outcome.failure);
}

async function begin(store: LessonStore, lesson: string): Promise<void> {
  const { setConnection, setSession, setRuntime, setEndsAt, setNodes, markCompleted } = store.getState();
  try {
    const { session, status, queued } = await openSession(lesson);
    if (queued !== null) setConnection('queued', 'status.queued', { position: queued });
    if (status) {
      markCompleted(status.completed);
      setEndsAt(Date.parse(status.endsAt));
      setNodes(status.nodes);
    }
    setSession({ id: session.id, token: session.token });
    setRuntime(dockerRuntime(session));
  } catch (error) {
    if (error instanceof StartProblem) setConnection(error.status, error.key, error.params, error.action);
    else {
      console.error('[slipway] could not open a session:', error);
      setConnection('error');
    }
  }
}

/** Every reconnect failed: say whether the server, its engine or something else is the reason. */
async function explainLostConnection(store: LessonStore): Promise<void> {
  const cause = await diagnose();
  store.getState().setConnection(cause ?? 'error', cause === null ? 'status.lostForGood' : undefined);
}

const page = document.querySelector<HTMLElement>('[data-lesson-page]');
if (page) start(page);
