// Why recently ended sessions ended, for their pages reconnecting after the fact: told only to the holder of
// the session's token, and bounded (the oldest go first), so ending sessions cannot grow the server's memory.
import { timingSafeEqual } from 'node:crypto';
import { hashToken } from './session.ts';

const KEPT = 1000;

export class EndedReasons {
  private readonly reasons = new Map<string, { tokenHash: Buffer; reason: string }>();

  remember(id: string, tokenHash: Buffer, reason: string): void {
    this.reasons.set(id, { tokenHash, reason });
    for (const oldest of this.reasons.keys()) {
      if (this.reasons.size <= KEPT) break;
      this.reasons.delete(oldest);
    }
  }

  /** Why the session `id` ended, if it did lately and `token` is its own. */
  reasonFor(id: string, token: string | undefined): string | undefined {
    const ended = this.reasons.get(id);
    return ended && token && timingSafeEqual(hashToken(token), ended.tokenHash) ? ended.reason : undefined;
  }
}
