// Which terminal websocket closes are final, and the one sentence the learner reads for each.
import { CloseCode } from '../shared/protocol.ts';

const FINAL: Record<number, string> = {
  [CloseCode.unauthorized]: 'This sandbox did not accept the page’s key. Reload the page to start a fresh sandbox.',
  [CloseCode.unknownSession]: 'This sandbox no longer exists. Reload the page to start a fresh sandbox.',
  [CloseCode.sessionEnded]: 'Your session ended (idle too long). Reload the page to start a fresh sandbox.',
};

/** The sentence for a close after which a new socket would fail the same way, or null when reconnecting may help. */
export function finalCloseMessage(code: number): string | null {
  return FINAL[code] ?? null;
}
