// A lesson asking for several nodes (frontmatter `nodes`) gets them before its session is handed out.
import { DomainError } from '../domain-error.ts';
import { errorMessage } from '../logger.ts';
import type { Session } from './session.ts';

/** Grows the session to its lesson's node count; on failure ends it (through `end`) and rethrows. */
export async function startLessonNodes(session: Session, end: () => Promise<void>): Promise<void> {
  if (session.lesson.meta.nodes <= 1) return;
  try {
    await session.nodes.grow(session.lesson.meta.nodes);
  } catch (error) {
    await end().catch(() => undefined);
    throw error instanceof DomainError ? error : new DomainError('unavailable', 'lessonNodesFailed', { reason: errorMessage(error) });
  }
}
