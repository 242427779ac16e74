// Decides which steps of a session are done. Automatic runs (after each command) start at the current step,
// the first not completed, and go on while steps pass; a completed step stays completed. Runs triggered
// while one is under way collapse into a single follow-up run. Every run, automatic or asked for, waits for the
// one before it: a flood of check requests is one exec at a time on the shared engine, never a flood of them.
import type { CheckEvent } from '../contracts/protocol.ts';
import { isQuizOnly, type LessonStep } from '../lesson-format/lesson-schema.ts';

/** One step's check: its id and the script that passes when it exits 0. */
export interface CheckInput {
  id: string;
  script: string;
}

export interface CheckOutcome {
  id: string;
  ok: boolean;
  output: string;
}

/** Runs checks in order; may report each outcome early through `onOutcome`, and returns them all. */
export type RunChecks = (checks: CheckInput[], stopAtFirstFailure: boolean, onOutcome?: (outcome: CheckOutcome) => void) => Promise<CheckOutcome[]>;

export class StepChecker {
  readonly completed = new Set<string>();
  private running?: Promise<void>;
  private busy = false;
  private again = false;
  private readonly steps: LessonStep[];
  private readonly runChecks: RunChecks;
  private readonly emit: (event: CheckEvent) => void;

  constructor(steps: LessonStep[], runChecks: RunChecks, emit: (event: CheckEvent) => void) {
    // Quiz-only steps are completed in the browser; there is nothing to check in the sandbox.
    this.steps = steps.filter((step) => !isQuizOnly(step));
    let previous: Promise<unknown> | undefined;
    this.runChecks = (checks, stopAtFirstFailure, onOutcome) => {
      // Idle: start at once (in this turn); busy: after the runs already waiting.
      const run = previous ? previous.then(() => runChecks(checks, stopAtFirstFailure, onOutcome)) : runChecks(checks, stopAtFirstFailure, onOutcome);
      const settled = run.then(() => undefined, () => undefined);
      previous = settled;
      void settled.then(() => {
        if (previous === settled) previous = undefined;
      });
      return run;
    };
    this.emit = emit;
  }

  hasStep(id: string): boolean {
    return this.steps.some((step) => step.id === id);
  }

  /** Completed step ids in lesson order. */
  completedSteps(): string[] {
    return this.steps.filter((step) => this.completed.has(step.id)).map((step) => step.id);
  }

  /** Called after every command; resolves when the state it saw has been checked. */
  trigger(): Promise<void> {
    this.again = true;
    if (this.running) return this.running;
    const run = this.loop();
    // A loop with nothing pending finishes synchronously: only a loop still busy may be joined.
    if (this.busy) this.running = run;
    return run;
  }

  /** Checks one step now, in or out of order. */
  async checkStep(id: string): Promise<CheckOutcome> {
    const step = this.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    const [outcome = { id, ok: false, output: 'The check did not report a result.' }] = await this.runChecks([{ id, script: step.check }], true);
    this.record(outcome, true);
    return outcome;
  }

  private async loop(): Promise<void> {
    this.busy = true;
    try {
      while (this.again) {
        this.again = false;
        const pending = this.steps.filter((step) => !this.completed.has(step.id));
        if (pending.length === 0) return;
        let early = 0;
        const outcomes = await this.runChecks(pending.map((step) => ({ id: step.id, script: step.check })), true, (outcome) => {
          early += 1;
          this.record(outcome);
        });
        for (const outcome of outcomes.slice(early)) this.record(outcome);
      }
    } finally {
      // Cleared in the same turn as the last read of `again`, so no trigger can fall in between.
      this.busy = false;
      this.running = undefined;
    }
  }

  private record(outcome: CheckOutcome, requested = false): void {
    if (outcome.ok) this.completed.add(outcome.id);
    this.emit({ type: 'check', step: outcome.id, ok: outcome.ok, output: outcome.output, ...(requested ? { requested } : {}) });
  }
}
