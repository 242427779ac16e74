// Every read and write of the classroom database. Rows come back as plain objects with epoch-ms times.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { StuckSettings } from '../../shared/contracts/workshop-schemas.ts';

export interface WorkshopRow {
  id: string;
  code: string;
  title: string;
  lessons: string[];
  capacity: number;
  startsAt: number;
  endsAt: number;
  endedAt: number | null;
  instructorTokenHash: string;
  stuck: StuckSettings;
  createdAt: number;
}

export interface LearnerRow {
  id: string;
  workshopId: string;
  name: string;
  tokenHash: string;
  joinedAt: number;
  currentLesson: string | null;
}

export interface AttemptRow {
  learnerId: string;
  lesson: string;
  step: string;
  ok: boolean;
  at: number;
}

export interface CompletionRow {
  learnerId: string;
  lesson: string;
  step: string;
  completedAt: number;
}

export interface LessonStartRow {
  learnerId: string;
  lesson: string;
  startedAt: number;
}

type Row = Record<string, unknown>;
const text = (value: unknown) => String(value);
const num = (value: unknown) => Number(value);

const toWorkshop = (row: Row): WorkshopRow => ({
  id: text(row.id),
  code: text(row.code),
  title: text(row.title),
  lessons: JSON.parse(text(row.lessons)) as string[],
  capacity: num(row.capacity),
  startsAt: num(row.starts_at),
  endsAt: num(row.ends_at),
  endedAt: row.ended_at === null ? null : num(row.ended_at),
  instructorTokenHash: text(row.instructor_token_hash),
  stuck: { minutes: num(row.stuck_minutes), failures: num(row.stuck_failures) },
  createdAt: num(row.created_at),
});

const toLearner = (row: Row): LearnerRow => ({
  id: text(row.id),
  workshopId: text(row.workshop_id),
  name: text(row.name),
  tokenHash: text(row.token_hash),
  joinedAt: num(row.joined_at),
  currentLesson: row.current_lesson === null ? null : text(row.current_lesson),
});

export const nameKey = (name: string) => name.normalize('NFKC').toLocaleLowerCase('en');

export class WorkshopStore {
  private readonly database: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  constructor(database: DatabaseSync) {
    this.database = database;
  }

  private sql(query: string): StatementSync {
    let statement = this.statements.get(query);
    if (!statement) {
      statement = this.database.prepare(query);
      this.statements.set(query, statement);
    }
    return statement;
  }

  insertWorkshop(row: WorkshopRow): void {
    this.sql(
      `INSERT INTO workshops (id, code, title, lessons, capacity, starts_at, ends_at, ended_at, instructor_token_hash, stuck_minutes, stuck_failures, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.code, row.title, JSON.stringify(row.lessons), row.capacity, row.startsAt, row.endsAt, row.endedAt, row.instructorTokenHash, row.stuck.minutes, row.stuck.failures, row.createdAt);
  }

  workshop(id: string): WorkshopRow | undefined {
    const row = this.sql('SELECT * FROM workshops WHERE id = ?').get(id);
    return row ? toWorkshop(row) : undefined;
  }

  workshopByCode(code: string): WorkshopRow | undefined {
    const row = this.sql('SELECT * FROM workshops WHERE code = ?').get(code);
    return row ? toWorkshop(row) : undefined;
  }

  /** Workshops not ended by hand whose end time has not passed (they may need warm sandboxes). */
  openWorkshops(now: number): WorkshopRow[] {
    return this.sql('SELECT * FROM workshops WHERE ended_at IS NULL AND ends_at > ?').all(now).map(toWorkshop);
  }

  updateWorkshop(id: string, changes: { endsAt?: number; endedAt?: number; stuck?: StuckSettings; capacity?: number }): void {
    if (changes.capacity !== undefined) this.sql('UPDATE workshops SET capacity = ? WHERE id = ?').run(changes.capacity, id);
    if (changes.endsAt !== undefined) this.sql('UPDATE workshops SET ends_at = ? WHERE id = ?').run(changes.endsAt, id);
    if (changes.endedAt !== undefined) this.sql('UPDATE workshops SET ended_at = ? WHERE id = ?').run(changes.endedAt, id);
    if (changes.stuck) this.sql('UPDATE workshops SET stuck_minutes = ?, stuck_failures = ? WHERE id = ?').run(changes.stuck.minutes, changes.stuck.failures, id);
  }

  /** Inserts the learner unless the name is taken in the workshop (false then). */
  insertLearner(row: LearnerRow): boolean {
    const result = this.sql(
      `INSERT INTO learners (id, workshop_id, name, name_key, token_hash, joined_at, current_lesson) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workshop_id, name_key) DO NOTHING`,
    ).run(row.id, row.workshopId, row.name, nameKey(row.name), row.tokenHash, row.joinedAt, row.currentLesson);
    return Number(result.changes) === 1;
  }

  learnerByTokenHash(tokenHash: string): LearnerRow | undefined {
    const row = this.sql('SELECT * FROM learners WHERE token_hash = ?').get(tokenHash);
    return row ? toLearner(row) : undefined;
  }

  learners(workshopId: string): LearnerRow[] {
    return this.sql('SELECT * FROM learners WHERE workshop_id = ? ORDER BY joined_at, rowid').all(workshopId).map(toLearner);
  }

  learnerCount(workshopId: string): number {
    return num(this.sql('SELECT count(*) AS n FROM learners WHERE workshop_id = ?').get(workshopId)?.n);
  }

  /** The learner opened a session on `lesson`: it becomes their current lesson, started now unless it was before. */
  startLesson(learnerId: string, lesson: string, at: number): void {
    this.sql('UPDATE learners SET current_lesson = ? WHERE id = ?').run(lesson, learnerId);
    this.sql('INSERT INTO lesson_starts (learner_id, lesson, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(learnerId, lesson, at);
  }

  /** Records a check outcome; a first pass also records the completion. */
  recordAttempt(attempt: AttemptRow): void {
    this.sql('INSERT INTO attempts (learner_id, lesson, step, ok, at) VALUES (?, ?, ?, ?, ?)').run(attempt.learnerId, attempt.lesson, attempt.step, attempt.ok ? 1 : 0, attempt.at);
    if (attempt.ok) {
      this.sql('INSERT INTO completions (learner_id, lesson, step, completed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(attempt.learnerId, attempt.lesson, attempt.step, attempt.at);
    }
  }

  attempts(workshopId: string): AttemptRow[] {
    return this.sql(
      `SELECT a.learner_id, a.lesson, a.step, a.ok, a.at FROM attempts a JOIN learners l ON l.id = a.learner_id WHERE l.workshop_id = ? ORDER BY a.id`,
    )
      .all(workshopId)
      .map((row) => ({ learnerId: text(row.learner_id), lesson: text(row.lesson), step: text(row.step), ok: num(row.ok) === 1, at: num(row.at) }));
  }

  completions(workshopId: string): CompletionRow[] {
    return this.sql(
      `SELECT c.learner_id, c.lesson, c.step, c.completed_at FROM completions c JOIN learners l ON l.id = c.learner_id WHERE l.workshop_id = ? ORDER BY c.completed_at`,
    )
      .all(workshopId)
      .map((row) => ({ learnerId: text(row.learner_id), lesson: text(row.lesson), step: text(row.step), completedAt: num(row.completed_at) }));
  }

  lessonStarts(workshopId: string): LessonStartRow[] {
    return this.sql(`SELECT s.learner_id, s.lesson, s.started_at FROM lesson_starts s JOIN learners l ON l.id = s.learner_id WHERE l.workshop_id = ?`)
      .all(workshopId)
      .map((row) => ({ learnerId: text(row.learner_id), lesson: text(row.lesson), startedAt: num(row.started_at) }));
  }
}
