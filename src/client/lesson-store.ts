// The lesson page's state: connection, session, steps and their progress. Pure logic (no DOM), so it runs
// under node's test runner; the view modules only subscribe to it.
import { createStore } from 'zustand/vanilla';
import { z } from 'zod';
import { StepIdSchema, type ServerMessage } from '../shared/protocol.ts';

export const StepSummarySchema = z.object({
  id: StepIdSchema,
  title: z.string().min(1),
  /** Ids of the step's quizzes; a step without a check (quizOnly) completes when they are all answered. */
  quizzes: z.array(z.string().min(1)).optional(),
  quizOnly: z.boolean().optional(),
});
export type StepSummary = z.infer<typeof StepSummarySchema>;
export const StepListSchema = z.array(StepSummarySchema).min(1);

export type ConnectionStatus = 'connecting' | 'ready' | 'reconnecting' | 'ended' | 'error';
export interface Connection {
  status: ConnectionStatus;
  /** One sentence for the learner. */
  message: string;
}

export interface CheckOutcome {
  ok: boolean;
  output: string;
}

export interface LessonState {
  connection: Connection;
  session: { id: string; token: string } | null;
  steps: StepSummary[];
  completed: string[];
  /** The last check result per step id. */
  checks: Record<string, CheckOutcome>;
  /** Steps whose "Check now" request awaits its answer. */
  checking: string[];
  /** Quizzes answered correctly. */
  answered: string[];
  /** The latest message from a workshop instructor. */
  broadcast: { message: string; at: number } | null;
  setConnection(status: ConnectionStatus, message?: string): void;
  setSession(session: { id: string; token: string } | null): void;
  markCompleted(stepIds: readonly string[]): void;
  checkRequested(stepId: string): void;
  /** A quiz was answered correctly; completes its step when that step is quiz-only and this was its last quiz. */
  quizAnswered(quizId: string): void;
  applyServerMessage(message: ServerMessage): void;
  /** Decodes a websocket text frame and applies it; a corrupt frame changes nothing and is reported. */
}

const DEFAULT_MESSAGES: Record<ConnectionStatus, string> = {
  connecting: 'Starting your sandbox…',
  ready: 'Connected',
  reconnecting: 'Reconnecting…',
  ended: 'Your session ended. Reload the page to start a fresh sandbox.',
  error: 'Something went wrong. Reload the page to try again.',
};

export function createLessonStore(steps: readonly StepSummary[]) {
  const known = new Set(steps.map((step) => step.id));
  return createStore<LessonState>()((set, get) => ({
    connection: { status: 'connecting', message: DEFAULT_MESSAGES.connecting },
    session: null,
    steps: [...steps],
    completed: [],
    checks: {},
    checking: [],
    answered: [],
    broadcast: null,

    setConnection(status, message = DEFAULT_MESSAGES[status]) {
      // A check asked over a socket that is gone will never be answered.
      set({ connection: { status, message }, ...(status === 'ready' ? {} : { checking: [] }) });
    },

    setSession(session) {
      set({ session });
    },

    markCompleted(stepIds) {
      const { completed } = get();
      const added = stepIds.filter((id) => known.has(id) && !completed.includes(id));
      // Steps never un-complete within a session; keep lesson order so "current" is well defined.
      if (added.length > 0) set({ completed: orderByLesson(get().steps, [...completed, ...added]) });
    },

    checkRequested(stepId) {
      if (known.has(stepId) && !get().checking.includes(stepId)) set({ checking: [...get().checking, stepId] });
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
          set({ broadcast: { message: message.message, at: Date.now() } });
          return;
        case 'error':
          console.warn('[slipway] the server rejected a frame:', message.message);
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
          return;
        case 'queue':
          get().setConnection('connecting', `Every sandbox is busy: you are number ${message.position} in line. Yours starts as soon as one frees up.`);
          return;
        case 'notice':
          get().setConnection(get().connection.status, message.message);
      }
    },

  }));
}

export type LessonStore = ReturnType<typeof createLessonStore>;

/** The step the learner is on: the first one not completed, or null when the lesson is finished. */
export function currentStepId(state: Pick<LessonState, 'steps' | 'completed'>): string | null {
  return state.steps.find((step) => !state.completed.includes(step.id))?.id ?? null;
}

export function isFinished(state: Pick<LessonState, 'steps' | 'completed'>): boolean {
  return currentStepId(state) === null;
}

function orderByLesson(steps: readonly StepSummary[], ids: readonly string[]): string[] {
  return steps.map((step) => step.id).filter((id) => ids.includes(id));
}
