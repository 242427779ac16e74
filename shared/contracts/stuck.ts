// When a learner counts as stuck: the same rule on the server (exports, state) and on the dashboard, which
// re-evaluates it every second so "no progress for N minutes" lights up without a server round trip.
import type { LearnerProgress, StuckSettings } from './workshop-schemas.ts';

export type StuckReason = 'no-progress' | 'failing';

export function stuckReason(learner: Pick<LearnerProgress, 'currentStep' | 'currentSince' | 'failuresInARow'>, settings: StuckSettings, now: number): StuckReason | null {
  if (learner.currentStep === null) return null;
  if (learner.failuresInARow >= settings.failures) return 'failing';
  if (learner.currentSince !== null && now - Date.parse(learner.currentSince) >= settings.minutes * 60_000) return 'no-progress';
  return null;
}
