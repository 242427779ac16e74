// The workshop a learner joined, kept in localStorage so every lesson page (and a closed tab) knows it.
import { JoinWorkshopResponseSchema, type JoinWorkshopResponse } from '../../shared/contracts/workshop-schemas.ts';

const STORAGE_KEY = 'slipway.workshop';

export function readJoinedWorkshop(): JoinWorkshopResponse | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (text === null) return null;
    const parsed = JoinWorkshopResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.warn('[slipway] dropping a corrupt saved workshop:', parsed.error.message);
  } catch (error) {
    console.warn('[slipway] dropping an unreadable saved workshop:', error);
  }
  forgetJoinedWorkshop();
  return null;
}

export function saveJoinedWorkshop(joined: JoinWorkshopResponse): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(joined));
  } catch (error) {
    console.warn('[slipway] could not save the workshop for the lesson pages:', error);
  }
}

export function forgetJoinedWorkshop(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing saved if storage is unavailable.
  }
}

/** The learner token to attach to a new session of `lesson`, when the joined workshop includes it. */
export function workshopLinkFor(lesson: string): { learner: string } | undefined {
  const joined = readJoinedWorkshop();
  if (!joined || !joined.workshop.lessons.some((candidate) => candidate.slug === lesson)) return undefined;
  return { learner: joined.learner.token };
}
