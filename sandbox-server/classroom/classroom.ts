// Workshops: an instructor creates one, learners join with its code and a name, and their sessions report
// every check outcome here. Rows live in SQLite (a restart loses nothing); what is live (sessions, dashboard
// listeners, timers) lives in memory. Sandboxes are pre-warmed from PREWARM_LEAD_MS before the start.
import { AttemptFilter } from './attempt-filter.ts';
import type { DatabaseSync } from 'node:sqlite';
import type { Lesson } from '../../shared/lesson-format/lesson-schema.ts';
import {
  DEFAULT_STUCK,
  type CreateWorkshopRequest,
  type DashboardState,
  type StuckSettings,
  type WorkshopLesson,
  type WorkshopPublic,
  type WorkshopResultRow,
} from '../../shared/contracts/workshop-schemas.ts';
import { DomainError } from '../domain-error.ts';
import { errorMessage, log } from '../logger.ts';
import type { Session } from '../sessions/session.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { SessionEventMap } from '../sessions/session-events.ts';
import { openClassroomDatabase } from './database.ts';
import { uniqueJoinCode } from './join-code.ts';
import { learnerProgress, resultRows, stepCounts, type WorkshopRows } from './progress-report.ts';
import { hashSecret, newId, newSecret, secretMatches } from './secrets.ts';
import { WorkshopStore, type LearnerRow, type WorkshopRow } from './workshop-store.ts';

/** Sandboxes start warming this long before a workshop starts. */
export const PREWARM_LEAD_MS = 10 * 60_000;
/** Dashboard pushes are coalesced: a burst of check events becomes one state frame. */
const PUSH_DELAY_MS = 100;
// setTimeout fires at once for delays beyond a signed 32-bit number of milliseconds (~24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;
/** What a learner's ended session says when the instructor ended the workshop. */
const WORKSHOP_ENDED = 'The workshop has ended. Thank you for taking part!';

type StateListener = (state: DashboardState) => void;

// A learner's sessions count against the per-client limit as the learner's own (a class may share one
// address); the session's owner (kept in its record across restarts) says which workshop follows it.
const learnerClient = (learnerId: string) => `workshop-learner:${learnerId}`;

interface LiveWorkshop {
  /** Running sessions by learner id. */
  sessions: Map<string, Set<Session>>;
  listeners: Set<StateListener>;
  pushTimer?: NodeJS.Timeout;
  prewarmTimer?: NodeJS.Timeout;
  endTimer?: NodeJS.Timeout;
  prewarming: boolean;
}

export interface WorkshopCreated {
  workshop: WorkshopRow;
  instructorToken: string;
}

export class Classroom {
  private readonly database: DatabaseSync;
  private readonly store: WorkshopStore;
  private readonly lessons: Map<string, Lesson>;
  private readonly sessions: SessionManager;
  private readonly live = new Map<string, LiveWorkshop>();
  private readonly attempts = new AttemptFilter();
  private readonly unsubscribe: (() => void)[];

  constructor(dataDir: string, lessons: Lesson[], sessions: SessionManager) {
    this.database = openClassroomDatabase(dataDir);
    this.store = new WorkshopStore(this.database);
    this.lessons = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
    this.sessions = sessions;
    // Workshops still open after a restart get their pre-warm and end timers back.
    for (const workshop of this.store.openWorkshops(Date.now())) this.schedule(workshop);
    this.followReadopted(Date.now());
    this.unsubscribe = [
      sessions.events.on('checked', (check) => this.record(check)),
      sessions.events.on('ended', ({ session }) => this.forget(session)),
    ];
  }

  create(request: CreateWorkshopRequest, now = Date.now()): WorkshopCreated {
    const unknown = request.lessons.filter((slug) => !this.lessons.has(slug));
    if (unknown.length > 0) throw new DomainError('bad-input', 'unknownLessons', { lessons: unknown.join(', ') });
    if (Date.parse(request.endsAt) <= now) throw new DomainError('bad-input', 'endInPast');
    const instructorToken = newSecret();
    const workshop: WorkshopRow = {
      id: newId(),
      code: uniqueJoinCode((code) => this.store.workshopByCode(code) !== undefined),
      title: request.title,
      lessons: request.lessons,
      capacity: request.capacity,
      startsAt: Date.parse(request.startsAt),
      endsAt: Date.parse(request.endsAt),
      endedAt: null,
      instructorTokenHash: hashSecret(instructorToken),
      stuck: request.stuck ?? DEFAULT_STUCK,
      createdAt: now,
    };
    this.store.insertWorkshop(workshop);
    this.schedule(workshop);
    log.info('workshop.created', { id: workshop.id, lessons: workshop.lessons.length, capacity: workshop.capacity });
    return { workshop, instructorToken };
  }

  /** The workshop, if `token` is its instructor token; otherwise a `not-found` or `unauthorized` DomainError. */
  authorizeInstructor(workshopId: string, token: string | undefined): WorkshopRow {
    const workshop = this.store.workshop(workshopId);
    if (!workshop) throw new DomainError('not-found', 'noWorkshop');
    if (!token || !secretMatches(token, workshop.instructorTokenHash)) throw new DomainError('unauthorized', 'instructorToken');
    return workshop;
  }

  join(code: string, name: string, now = Date.now()): { workshop: WorkshopRow; learner: LearnerRow; token: string } {
    const workshop = this.store.workshopByCode(code);
    if (!workshop) throw new DomainError('not-found', 'noWorkshopCode', { code });
    this.assertOpen(workshop, now);
    if (this.store.learnerCount(workshop.id) >= workshop.capacity) throw new DomainError('forbidden', 'workshopFull');
    const token = newSecret(24);
    const learner: LearnerRow = { id: newId(), workshopId: workshop.id, name, tokenHash: hashSecret(token), joinedAt: now, currentLesson: null };
    if (!this.store.insertLearner(learner)) throw new DomainError('conflict', 'nameTaken', { name });
    log.info('workshop.joined', { id: workshop.id, learner: learner.id });
    this.schedulePush(workshop.id);
    return { workshop, learner, token };
  }

  /**
   * Starts a session for a workshop learner (or queues it when the server is full); its check outcomes are
   * recorded from now on. Sessions count per learner, not per address: a class often shares one NAT address.
   */
  /** Starts a learner's session, asked for from `address` (it counts against that address's sessions too). */
  async startSession(lesson: string, learnerToken: string, address: string): Promise<{ session: Session; token: string }> {
    const learner = this.store.learnerByTokenHash(hashSecret(learnerToken));
    if (!learner) throw new DomainError('unauthorized', 'learnerToken');
    const workshop = this.store.workshop(learner.workshopId);
    if (!workshop) throw new DomainError('not-found', 'noWorkshop');
    this.assertOpen(workshop, Date.now());
    if (!workshop.lessons.includes(lesson)) throw new DomainError('forbidden', 'lessonNotInWorkshop', { lesson, title: workshop.title });
    const started = await this.sessions.create(lesson, learnerClient(learner.id), address, { kind: 'workshop-learner', workshopId: workshop.id, learnerId: learner.id });
    // end() reaches only the sessions it follows: one whose sandbox was starting when the workshop ended ends here.
    const current = this.store.workshop(workshop.id);
    if (!current || current.endedAt !== null) {
      await this.sessions.end(started.session.id, WORKSHOP_ENDED);
      throw new DomainError('gone', 'workshopOver', { title: workshop.title });
    }
    this.store.startLesson(learner.id, lesson, Date.now());
    this.follow(workshop, learner.id, started.session);
    return started;
  }

  /** Records the session's check outcomes for its learner and counts it as running. */
  private follow(workshop: WorkshopRow, learnerId: string, session: Session): void {
    const live = this.liveOf(workshop.id);
    const own = live.sessions.get(learnerId) ?? new Set();
    own.add(session);
    live.sessions.set(learnerId, own);
    this.updateReservation(workshop);
    this.schedulePush(workshop.id);
  }

  /** Learner sessions re-adopted after a server restart report to their open workshop again. */
  private followReadopted(now: number): void {
    const open = new Map(this.store.openWorkshops(now).map((workshop) => [workshop.id, workshop]));
    for (const session of this.sessions.all()) {
      const workshop = session.owner && open.get(session.owner.workshopId);
      if (workshop && session.owner) this.follow(workshop, session.owner.learnerId, session);
    }
  }

  publicView(workshop: WorkshopRow): WorkshopPublic {
    return {
      id: workshop.id,
      code: workshop.code,
      title: workshop.title,
      lessons: this.lessonsOf(workshop),
      startsAt: new Date(workshop.startsAt).toISOString(),
      endsAt: new Date(workshop.endsAt).toISOString(),
      endedAt: workshop.endedAt === null ? null : new Date(workshop.endedAt).toISOString(),
    };
  }

  instructorView(workshop: WorkshopRow): DashboardState['workshop'] {
    return { ...this.publicView(workshop), capacity: workshop.capacity, stuck: workshop.stuck };
  }

  state(workshopId: string): DashboardState {
    const workshop = this.store.workshop(workshopId);
    if (!workshop) throw new DomainError('not-found', 'noWorkshop');
    const rows = this.rowsOf(workshop);
    const live = this.live.get(workshopId);
    return {
      workshop: this.instructorView(workshop),
      learners: learnerProgress(rows, (learnerId) => (live?.sessions.get(learnerId)?.size ?? 0) > 0),
      stepCounts: stepCounts(rows),
      pool: this.sessions.poolState(),
      at: new Date().toISOString(),
    };
  }

  results(workshopId: string): WorkshopResultRow[] {
    const workshop = this.store.workshop(workshopId);
    if (!workshop) throw new DomainError('not-found', 'noWorkshop');
    return resultRows(this.rowsOf(workshop));
  }

  /** Calls `listener` with the state now and after every change; returns the unsubscribe function. */
  subscribe(workshopId: string, listener: StateListener): () => void {
    const live = this.liveOf(workshopId);
    live.listeners.add(listener);
    listener(this.state(workshopId));
    return () => live.listeners.delete(listener);
  }

  /** Sends a message to every learner's open lesson pages; returns how many sessions got it. */
  broadcast(workshopId: string, message: string): number {
    let delivered = 0;
    for (const session of this.runningSessions(workshopId)) {
      session.broadcast({ type: 'broadcast', message, from: 'instructor' });
      delivered += 1;
    }
    return delivered;
  }

  update(workshop: WorkshopRow, changes: { endsAt?: string; stuck?: StuckSettings; capacity?: number }): void {
    if (workshop.endedAt !== null) throw new DomainError('gone', 'workshopEnded');
    const endsAt = changes.endsAt === undefined ? undefined : Date.parse(changes.endsAt);
    if (endsAt !== undefined && (endsAt <= Date.now() || endsAt <= workshop.startsAt)) throw new DomainError('bad-input', 'badEndTime');
    if (changes.capacity !== undefined && changes.capacity < this.store.learnerCount(workshop.id)) {
      throw new DomainError('bad-input', 'capacityBelowLearners', { count: this.store.learnerCount(workshop.id) });
    }
    this.store.updateWorkshop(workshop.id, { endsAt, stuck: changes.stuck, capacity: changes.capacity });
    const updated = this.store.workshop(workshop.id);
    if (updated) this.schedule(updated);
    this.schedulePush(workshop.id);
  }

  /** Ends the workshop now: its sandboxes close, its learners and results stay. */
  async end(workshopId: string, reason = WORKSHOP_ENDED): Promise<void> {
    const workshop = this.store.workshop(workshopId);
    if (!workshop || workshop.endedAt !== null) return;
    this.store.updateWorkshop(workshopId, { endedAt: Date.now() });
    const live = this.liveOf(workshopId);
    clearTimeout(live.prewarmTimer);
    clearTimeout(live.endTimer);
    await this.sessions.reservePool(workshopId, 0);
    await Promise.allSettled([...this.runningSessions(workshopId)].map((session) => this.sessions.end(session.id, reason)));
    live.sessions.clear();
    log.info('workshop.ended', { id: workshopId });
    this.pushNow(workshopId);
  }

  /** The running session of a learner of this workshop whose terminal may be watched, if any. */
  watchable(workshopId: string, learnerId: string): { session: Session; name: string } | undefined {
    const learner = this.store.learners(workshopId).find((candidate) => candidate.id === learnerId);
    const sessions = [...(this.live.get(workshopId)?.sessions.get(learnerId) ?? [])].filter((session) => this.sessions.get(session.id) === session);
    const session = sessions.at(-1);
    return learner && session ? { session, name: learner.name } : undefined;
  }

  close(): void {
    if (!this.database.isOpen) return;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const live of this.live.values()) {
      clearTimeout(live.pushTimer);
      clearTimeout(live.prewarmTimer);
      clearTimeout(live.endTimer);
    }
    this.live.clear();
    this.database.close();
  }

  private assertOpen(workshop: WorkshopRow, now: number): void {
    if (workshop.endedAt !== null || workshop.endsAt <= now) throw new DomainError('gone', 'workshopOver', { title: workshop.title });
  }

  /** Records a followed learner session's check outcome as the learner's attempt. */
  private record({ session, step, ok, output, requested }: SessionEventMap['checked']): void {
    const owner = session.owner;
    if (!owner || !this.live.get(owner.workshopId)?.sessions.get(owner.learnerId)?.has(session)) return;
    const { workshopId, learnerId } = owner;
    // A check finishing while its session ends (its sandbox being removed) is not the learner's attempt.
    if (this.sessions.get(session.id) !== session) return;
    if (!this.attempts.isAttempt({ learner: learnerId, lesson: session.lesson.slug, step, ok, output, requested })) return;
    try {
      this.store.recordAttempt({ learnerId, lesson: session.lesson.slug, step, ok, at: Date.now() });
    } catch (error) {
      log.error('workshop.record_failed', { id: workshopId, learner: learnerId, error: errorMessage(error) });
    }
    this.schedulePush(workshopId);
  }

  private lessonsOf(workshop: WorkshopRow): WorkshopLesson[] {
    return workshop.lessons.map((slug) => {
      const lesson = this.lessons.get(slug);
      return { slug, title: lesson?.meta.title ?? slug, steps: lesson?.steps.map(({ id, title }) => ({ id, title })) ?? [] };
    });
  }

  private rowsOf(workshop: WorkshopRow): WorkshopRows {
    return {
      lessons: this.lessonsOf(workshop),
      learners: this.store.learners(workshop.id),
      attempts: this.store.attempts(workshop.id),
      completions: this.store.completions(workshop.id),
      starts: this.store.lessonStarts(workshop.id),
    };
  }

  private liveOf(workshopId: string): LiveWorkshop {
    let live = this.live.get(workshopId);
    if (!live) {
      live = { sessions: new Map(), listeners: new Set(), prewarming: false };
      this.live.set(workshopId, live);
    }
    return live;
  }

  private *runningSessions(workshopId: string): Generator<Session> {
    for (const sessions of this.live.get(workshopId)?.sessions.values() ?? []) {
      for (const session of sessions) if (this.sessions.get(session.id) === session) yield session;
    }
  }

  /** Pre-warm at start minus the lead (now, if that has passed), and end at the end time. */
  private schedule(workshop: WorkshopRow): void {
    const live = this.liveOf(workshop.id);
    clearTimeout(live.prewarmTimer);
    clearTimeout(live.endTimer);
    const now = Date.now();
    const prewarmIn = workshop.startsAt - PREWARM_LEAD_MS - now;
    if (prewarmIn <= 0) this.startPrewarm(workshop.id);
    else live.prewarmTimer = this.timer(prewarmIn, () => this.reschedule(workshop.id));
    live.endTimer = this.timer(workshop.endsAt - now, () => {
      const current = this.store.workshop(workshop.id);
      if (current && current.endedAt === null && current.endsAt <= Date.now()) void this.end(workshop.id, 'The workshop reached its end time. Thank you for taking part!');
      else this.reschedule(workshop.id);
    });
  }

  /** Timers are capped (MAX_TIMER_MS), so one may fire early: look again at the stored times. */
  private reschedule(workshopId: string): void {
    const current = this.store.workshop(workshopId);
    if (current && current.endedAt === null) this.schedule(current);
  }

  private timer(delayMs: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(run, Math.max(0, Math.min(delayMs, MAX_TIMER_MS)));
    timer.unref();
    return timer;
  }

  private startPrewarm(workshopId: string): void {
    const workshop = this.store.workshop(workshopId);
    if (!workshop || workshop.endedAt !== null) return;
    this.liveOf(workshopId).prewarming = true;
    this.updateReservation(workshop);
    log.info('workshop.prewarm', { id: workshopId, sandboxes: workshop.capacity });
  }

  /** One warm sandbox per expected learner who has no running session yet. */
  private updateReservation(workshop: WorkshopRow): void {
    const live = this.liveOf(workshop.id);
    if (!live.prewarming || workshop.endedAt !== null) return;
    let running = 0;
    for (const sessions of live.sessions.values()) if (sessions.size > 0) running += 1;
    this.sessions.reservePool(workshop.id, Math.max(0, workshop.capacity - running)).catch((error: unknown) => log.warn('workshop.prewarm_failed', { id: workshop.id, error: errorMessage(error) }));
  }

  /** A followed learner session ended (idle, deleted, the workshop's end): "online" and the warm reservation follow. */
  private forget(session: Session): void {
    const owner = session.owner;
    if (!owner || !this.live.get(owner.workshopId)?.sessions.get(owner.learnerId)?.delete(session)) return;
    const workshop = this.store.workshop(owner.workshopId);
    if (workshop) this.updateReservation(workshop);
    this.schedulePush(owner.workshopId);
  }

  private schedulePush(workshopId: string): void {
    const live = this.liveOf(workshopId);
    if (live.pushTimer || live.listeners.size === 0) return;
    live.pushTimer = setTimeout(() => this.pushNow(workshopId), PUSH_DELAY_MS);
  }

  private pushNow(workshopId: string): void {
    const live = this.liveOf(workshopId);
    clearTimeout(live.pushTimer);
    live.pushTimer = undefined;
    if (live.listeners.size === 0) return;
    const state = this.state(workshopId);
    for (const listener of live.listeners) listener(state);
  }
}
