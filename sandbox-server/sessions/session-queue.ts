// Sessions waiting for capacity, first in first out. Every change tells each waiting session its place
// (1 = next), which its open terminals hear as `queue` frames.
import type { Session } from './session.ts';

export class SessionQueue {
  private readonly waiting: Session[] = [];

  get length(): number {
    return this.waiting.length;
  }

  /** The session first in line, still waiting. */
  peek(): Session | undefined {
    return this.waiting[0];
  }

  push(session: Session): void {
    this.waiting.push(session);
    session.setPosition(this.waiting.length);
  }

  shift(): Session | undefined {
    const next = this.waiting.shift();
    this.renumber();
    return next;
  }

  /** Takes a session out of line (it was deleted or abandoned); true if it was waiting. */
  remove(session: Session): boolean {
    const index = this.waiting.indexOf(session);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    this.renumber();
    return true;
  }

  private renumber(): void {
    this.waiting.forEach((session, index) => session.setPosition(index + 1));
  }
}
