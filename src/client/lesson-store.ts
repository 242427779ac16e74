// The lesson page's state, shared by every island: connection, session, steps and their progress, the
// workspace (nodes, active tab, published ports, time limit). Pure logic (no DOM), so it runs under node's
// test runner; the view modules only subscribe to it.
import { createStore } from 'zustand/vanilla';
import { z } from 'zod';
import { StepIdSchema, type PreviewPort, type ServerMessage } from '../../shared/contracts/protocol.ts';
import type { LessonProgress, Locale } from '../../shared/contracts/browser-state-schemas.ts';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n/ui-strings.ts';
import type { LessonRuntime } from './runtime/lesson-runtime.ts';

export const StepSummarySchema = z.object({
  id: StepIdSchema,
  title: z.string().min(1),
  /** Ids of the step's quizzes; a step without a check (quizOnly) completes when they are all answered. */
  quizzes: z.array(z.string().min(1)).optional(),
  quizOnly: z.boolean().optional(),
  /** The check's English sentences with their translation in the page's language (shared/contracts/check-messages.ts). */
  messages: z.array(z.tuple([z.string(), z.string()])).optional(),
});
export type StepSummary = z.infer<typeof StepSummarySchema>;
export const StepListSchema = z.array(StepSummarySchema).min(1);

export type ConnectionStatus =
  | 'connecting'
  | 'queued'
  | 'ready'
  | 'reconnecting'
  /** The Slipway server does not answer at all. */
  | 'unreachable'
  /** The server answers but its Docker engine does not (GET /api/health 503). */
  | 'engine-down'
  /** The session is over (time limit, idle, deleted): only a new sandbox helps. */
  | 'ended'
  | 'error';

/** What the notice over the terminal offers: try again, a new sandbox, the learner's sandboxes, leave the workshop. */
export type ConnectionAction = 'retry' | 'new-sandbox' | 'sessions' | 'leave-workshop';

export interface Connection {
  status: ConnectionStatus;
  /** One sentence for the learner, in their language. */
  message: string;
  /** Overrides the status's usual action when the cause calls for another (e.g. too many sandboxes). */
  action?: ConnectionAction;
}

export interface CheckOutcome {
  ok: boolean;
  output: string;
}

/** Workspace tabs: one terminal per node, then the editor, the preview and the ports list. */
export type WorkspaceTab = string;
export const EDITOR_TAB = 'editor';
export const PREVIEW_TAB = 'preview';
export const PORTS_TAB = 'ports';
/** Two terminals side by side: node1 and node2, or two shells on node1 in a one-node session. */
export const SPLIT_TAB = 'split';

/** A published port as the preview pane names it: `node1:8080`. */
export const portKey = (port: Pick<PreviewPort, 'node' | 'port'>) => `${port.node}:${port.port}`;

export interface LessonState {
  locale: Locale;
  connection: Connection;
  session: { id: string; token: string } | null;
  /** Where terminals, files and previews go: the session's sandbox, or this tab's WebContainer (null until known). */
  runtime: LessonRuntime | null;
  steps: StepSummary[];
  completed: string[];
  /** The last check result per step id. */
  checks: Record<string, CheckOutcome>;
  /** Steps whose "Check now" request awaits its answer. */
  checking: string[];
  /** Steps the learner acted on (ran a command while on it, or pressed Check now): only their failures are shown. */
  attempted: string[];
  /** When the learner first opened this lesson, and when its last step ticked (epoch ms). */
  startedAt: number;
  finishedAt: number | null;
  /** The session's nodes, node1 first. */
  nodes: string[];
  activeTab: WorkspaceTab;
  /** The terminal node the editor and Ctrl+Shift+E use: the last node tab shown. */
  activeNode: string;
  ports: PreviewPort[];
  /** The port the preview pane shows (`node1:8080`), once the learner picked one. */
  preview: string | null;
  /** The session's hard time limit (epoch ms), once known. */
  endsAt: number | null;
  /** The server's last word about the sandbox (e.g. its disk is nearly full), shown as it is. */
  notice: { level: 'info' | 'warning'; message: string } | null;
  /** Quizzes answered correctly. */
  answered: string[];
  /** The latest message from a workshop instructor. */
  broadcast: { message: string; from: string; at: number } | null;
  setConnection(status: ConnectionStatus, key?: MessageKey, params?: MessageParams, action?: ConnectionAction): void;
  setSession(session: { id: string; token: string } | null): void;
  setRuntime(runtime: LessonRuntime): void;
  markCompleted(stepIds: readonly string[]): void;
  /** Brings back what this browser remembers of the lesson (validated by the caller). */
  restoreProgress(progress: LessonProgress): void;
  checkRequested(stepId: string): void;
  /** The learner sent a command (Enter) in a terminal: an attempt at the current step. */
  commandSent(): void;
  /** A quiz was answered correctly; completes its step when that step is quiz-only and this was its last quiz. */
  quizAnswered(quizId: string): void;
  applyServerMessage(message: ServerMessage): void;
  /** The learner read the instructor's message: it stops covering the lesson until the next one. */
  dismissBroadcast(): void;
  setNodes(nodes: readonly string[]): void;
  showTab(tab: WorkspaceTab): void;
  /** Shows a published port in the preview pane. */
  showPreview(key: string): void;
  setEndsAt(endsAt: number | null): void;
  /** The sandbox was replaced by a fresh one: completed steps stay done (as the Reset dialog promises), check results go. */
  sandboxReset(): void;
}

const DEFAULT_MESSAGES: Record<ConnectionStatus, MessageKey> = {
  connecting: 'status.connecting',
  queued: 'status.queued',
  ready: 'status.ready',
  reconnecting: 'status.reconnecting',
  unreachable: 'status.unreachable',
  'engine-down': 'status.engineDown',
  ended: 'status.ended',
  error: 'status.unexpected',
};

export interface LessonStoreOptions {
  locale?: Locale;
  now?: () => number;
}

export function createLessonStore(steps: readonly StepSummary[], { locale = 'en', now = Date.now }: LessonStoreOptions = {}) {
  const known = new Set(steps.map((step) => step.id));
  const allDone = (completed: readonly string[]) => steps.every((step) => completed.includes(step.id));
  return createStore<LessonState>()((set, get) => ({
    locale,
    connection: { status: 'connecting', message: translate(locale, DEFAULT_MESSAGES.connecting) },
    session: null,
    runtime: null,
    steps: [...steps],
    completed: [],
    checks: {},
    checking: [],
    attempted: [],
    startedAt: now(),
    finishedAt: null,
    nodes: ['node1'],
    activeTab: 'node1',
    activeNode: 'node1',
    ports: [],
    preview: null,
    endsAt: null,
    notice: null,
    answered: [],
    broadcast: null,

    setConnection(status, key = DEFAULT_MESSAGES[status], params, action) {
      const connection: Connection = { status, message: translate(get().locale, key, params), ...(action ? { action } : {}) };
      // A check asked over a socket that is gone will never be answered.
      set({ connection, ...(status === 'ready' ? {} : { checking: [] }) });
    },

    setSession(session) {
      set({ session });
    },

    setRuntime(runtime) {
      set({ runtime });
    },

    markCompleted(stepIds) {
      const { completed, finishedAt } = get();
      const added = stepIds.filter((id) => known.has(id) && !completed.includes(id));
      if (added.length === 0) return;
      // Steps never un-complete; keep lesson order so "current" is well defined.
      const next = orderByLesson(get().steps, [...completed, ...added]);
      set({ completed: next, finishedAt: finishedAt ?? (allDone(next) ? now() : null) });
    },

    restoreProgress(progress) {
      const completed = orderByLesson(get().steps, [...get().completed, ...progress.completed.filter((id) => known.has(id))]);
      const finishedAt = progress.finishedAt ?? get().finishedAt ?? (allDone(completed) ? now() : null);
      set({ completed, startedAt: Math.min(progress.startedAt, get().startedAt), finishedAt });
    },

    sandboxReset() {
      set({ checks: {}, checking: [], attempted: [] });
    },

    checkRequested(stepId) {
      if (!known.has(stepId) || get().checking.includes(stepId)) return;
      set({ checking: [...get().checking, stepId], attempted: withItem(get().attempted, stepId) });
    },

    commandSent() {
      const current = currentStepId(get());
      if (current === null) return;
      // The result of a check run before this command is stale: the answer to this one follows.
      const { [current]: _stale, ...checks } = get().checks;
      set({ attempted: withItem(get().attempted, current), checks });
    },

    quizAnswered(quizId) {
      const step = get().steps.find((candidate) => candidate.quizzes?.includes(quizId));
      if (!step || get().answered.includes(quizId)) return;
      const answered = [...get().answered, quizId];
      set({ answered });
      if (step.quizOnly && step.quizzes?.every((id) => answered.includes(id))) get().markCompleted([step.id]);
    },

    applyServerMessage(message) {
      switch (message.type) {
        case 'progress':
          get().markCompleted(message.completed);
          return;
        case 'broadcast':
          set({ broadcast: { message: message.message, from: message.from, at: now() } });
          return;
        case 'error':
          console.warn('[slipway] the server rejected a frame:', message.message);
          return;
        case 'ports':
          set({ ports: message.ports });
          return;
        case 'queue':
          get().setConnection('queued', 'status.queued', { position: message.position });
          return;
        case 'notice':
          set({ notice: { level: message.level, message: message.message } });
          return;
        case 'check':
          if (!known.has(message.step)) {
            console.warn('[slipway] check event for an unknown step:', message.step);
            return;
          }
          set({
            checks: { ...get().checks, [message.step]: { ok: message.ok, output: message.output } },
            checking: get().checking.filter((id) => id !== message.step),
          });
          if (message.ok) get().markCompleted([message.step]);
      }
    },

    dismissBroadcast() {
      set({ broadcast: null });
    },

    setNodes(nodes) {
      const list = nodes.length > 0 ? [...nodes] : ['node1'];
      const { activeTab, activeNode } = get();
      const node = list.includes(activeNode) ? activeNode : (list[0] ?? 'node1');
      const tab = isNodeTab(activeTab) && !list.includes(activeTab) ? node : activeTab;
      set({ nodes: list, activeNode: node, activeTab: tab, ports: get().ports.filter((port) => list.includes(port.node)) });
    },

    showTab(tab) {
      if (isNodeTab(tab) && !get().nodes.includes(tab)) return;
      set({ activeTab: tab, ...(isNodeTab(tab) ? { activeNode: tab } : {}) });
    },

    showPreview(key) {
      set({ preview: key, activeTab: PREVIEW_TAB });
    },

    setEndsAt(endsAt) {
      set({ endsAt });
    },
  }));
}

export type LessonStore = ReturnType<typeof createLessonStore>;

export function isNodeTab(tab: WorkspaceTab): boolean {
  return tab !== EDITOR_TAB && tab !== PORTS_TAB && tab !== PREVIEW_TAB && tab !== SPLIT_TAB;
}

/** The step the learner is on: the first one not completed, or null when the lesson is finished. */
export function currentStepId(state: Pick<LessonState, 'steps' | 'completed'>): string | null {
  return state.steps.find((step) => !state.completed.includes(step.id))?.id ?? null;
}

export function isFinished(state: Pick<LessonState, 'steps' | 'completed'>): boolean {
  return currentStepId(state) === null;
}

/** What this browser should remember of the lesson. */
export function progressOf(state: LessonState, now: number): LessonProgress {
  return {
    completed: state.completed,
    current: currentStepId(state),
    startedAt: state.startedAt,
    ...(state.finishedAt !== null ? { finishedAt: state.finishedAt } : {}),
    updatedAt: now,
  };
}

const withItem = (list: readonly string[], item: string) => (list.includes(item) ? [...list] : [...list, item]);

function orderByLesson(steps: readonly StepSummary[], ids: readonly string[]): string[] {
  return steps.map((step) => step.id).filter((id) => ids.includes(id));
}
