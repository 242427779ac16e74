// The instructor dashboard's state: the workshop as the live socket last pushed it (lesson and step titles in
// the page's language), the connection, and the clock the time columns count with. Pure logic (no DOM), so it
// runs under node's test runner; the view modules only subscribe to it and read its selectors.
import { createStore } from 'zustand/vanilla';
import { CloseCode } from '../../../shared/contracts/protocol.ts';
import { stuckReason } from '../../../shared/contracts/stuck.ts';
import { withPageTitles, type DashboardMessage, type DashboardState, type LearnerProgress, type PageLessonTitles, type WorkshopLesson } from '../../../shared/contracts/workshop-schemas.ts';
import type { Locale } from '../../../shared/contracts/browser-state-schemas.ts';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n/ui-strings.ts';

export type DashboardStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'error';

export interface DashboardView {
  locale: Locale;
  status: DashboardStatus;
  /** The status line, in the page's language (or the server's own sentence for an error frame). */
  message: string;
  state: DashboardState | null;
  /** The clock the time columns use (epoch ms), advanced by tick(). */
  now: number;
  /** A frame from the live socket, already decoded with the shared schema. */
  applyFrame(frame: DashboardMessage): void;
  /** The live socket closed; true when reconnecting can help (not a wrong link or an unknown workshop). */
  socketClosed(code: number): boolean;
  /** The page has no usable instructor link. */
  linkMissing(): void;
  /** An action (extend, save, export…) failed: its sentence is already in the page's language. */
  actionFailed(message: string): void;
  tick(now: number): void;
}

export interface DashboardStoreOptions {
  locale?: Locale;
  /** Lesson and step titles in the page's language (the server sends English ones). */
  titles?: PageLessonTitles;
  now?: number;
}

export function createDashboardStore({ locale = 'en', titles = {}, now = Date.now() }: DashboardStoreOptions = {}) {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  return createStore<DashboardView>()((set) => ({
    locale,
    status: 'connecting',
    message: t('dash.connecting'),
    state: null,
    now,
    applyFrame(frame) {
      if (frame.type === 'error') return set({ status: 'error', message: frame.message });
      const { workshop } = frame.state;
      const state = { ...frame.state, workshop: { ...workshop, lessons: withPageTitles(workshop.lessons, titles) } };
      const ended = workshop.endedAt !== null;
      set({ state, status: ended ? 'ended' : 'live', message: t(ended ? 'dash.endedNotice' : 'dash.live') });
    },
    socketClosed(code) {
      if (code === CloseCode.unauthorized || code === CloseCode.unknownSession) {
        set({ status: 'error', message: t(code === CloseCode.unknownSession ? 'error.noWorkshop' : 'dash.badLink') });
        return false;
      }
      set({ status: 'reconnecting', message: t('dash.reconnecting') });
      return true;
    },
    linkMissing: () => set({ status: 'error', message: t('dash.needLink') }),
    actionFailed: (message) => set({ status: 'error', message }),
    tick: (at) => set({ now: at }),
  }));
}
export type DashboardStore = ReturnType<typeof createDashboardStore>;

/** Reads the instructor link's fragment (`#workshop=<id>&token=<token>`); null when it is not one. */
export function instructorLink(hash: string): { workshopId: string; token: string } | null {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const workshopId = fragment.get('workshop') ?? '';
  const token = fragment.get('token') ?? '';
  return /^[\w-]+$/.test(workshopId) && token ? { workshopId, token } : null;
}

/** Minutes and seconds (hours when needed), as a clock shows them: 4:05, 1:02:03. */
export function clockTime(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** Every step of every lesson, in course order: the table's step columns. */
export function stepColumns(state: DashboardState): { lesson: WorkshopLesson; step: WorkshopLesson['steps'][number] }[] {
  return state.workshop.lessons.flatMap((lesson) => lesson.steps.map((step) => ({ lesson, step })));
}

export type LearnerStatus = 'failing' | 'no-progress' | 'finished' | 'online' | 'offline';

export interface LearnerLine {
  status: LearnerStatus;
  stuck: boolean;
  /** The status badge. */
  label: string;
  /** Time on the current step, empty when they are on none. */
  onStepFor: string;
  /** The title of the lesson they are in, '—' before they started one. */
  lesson: string;
}

/** How one learner is doing right now: the same stuck rule as the server's (shared/contracts/stuck.ts). */
export function learnerLine(view: Pick<DashboardView, 'locale' | 'now'>, state: DashboardState, learner: LearnerProgress): LearnerLine {
  const t = (key: MessageKey, params?: MessageParams) => translate(view.locale, key, params);
  const reason = state.workshop.endedAt !== null ? null : stuckReason(learner, state.workshop.stuck, view.now);
  const finished = learner.currentStep === null && learner.lesson !== null;
  const status: LearnerStatus = reason ?? (finished ? 'finished' : learner.online ? 'online' : 'offline');
  const labels: Record<LearnerStatus, string> = {
    failing: t('dash.stuckFailing', { count: learner.failuresInARow }),
    'no-progress': t('dash.stuckNoProgress'),
    finished: t('dash.finished'),
    online: t('dash.working'),
    offline: t('dash.offline'),
  };
  return {
    status,
    stuck: reason !== null,
    label: labels[status],
    onStepFor: learner.currentSince && learner.currentStep ? clockTime(view.now - Date.parse(learner.currentSince)) : '',
    lesson: learner.lesson ? lessonTitle(state, learner.lesson) : '—',
  };
}

/** A workshop lesson's title in the page's language; the slug when the workshop has no such lesson. */
export function lessonTitle(state: DashboardState | null, slug: string): string {
  return state?.workshop.lessons.find((lesson) => lesson.slug === slug)?.title ?? slug;
}

/** The workshop's clock: time left, ending, or ended. */
export function workshopClock(view: Pick<DashboardView, 'locale' | 'now'>, state: DashboardState): string {
  const left = Date.parse(state.workshop.endsAt) - view.now;
  if (state.workshop.endedAt !== null) return translate(view.locale, 'dash.ended');
  return left > 0 ? translate(view.locale, 'dash.endsIn', { time: clockTime(left) }) : translate(view.locale, 'dash.ending');
}

const EXTEND_MS = 15 * 60_000;

/** The end time "Extend 15 min" asks for: 15 minutes past the current end, or past now when that is later. */
export function extendedEnd(state: DashboardState, now: number): string {
  return new Date(Math.max(Date.parse(state.workshop.endsAt), now) + EXTEND_MS).toISOString();
}
