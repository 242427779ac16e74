// Which check outcomes are a learner's attempts at a step. Checks run after every command, so `clear` or `ls`
// would otherwise each count as a failed attempt (a learner was "stuck: 10 failing checks" after 27 s). An
// attempt is a pass, a check the learner asked for (Check now), or a failure that says something new: its
// output differs from the step's last outcome.
// The step's first outcome (the check that runs as soon as the previous step passes) is where the learner
// starts, not an attempt.

export interface Outcome {
  learner: string;
  lesson: string;
  step: string;
  ok: boolean;
  output: string;
  requested?: boolean;
}

export class AttemptFilter {
  private readonly last = new Map<string, string>();

  /** Whether this outcome is an attempt to record; remembers it either way. */
  isAttempt({ learner, lesson, step, ok, output, requested = false }: Outcome): boolean {
    const key = [learner, lesson, step].join('\u0000');
    const previous = this.last.get(key);
    this.last.set(key, output);
    return ok || requested || (previous !== undefined && previous !== output);
  }

}
