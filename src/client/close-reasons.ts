// Which terminal websocket closes are final, and the sentence (message key) the learner reads for each.
import { CloseCode } from '../../shared/contracts/protocol.ts';
import type { MessageKey } from '../../shared/i18n/ui-strings.ts';

const FINAL: Record<number, MessageKey> = {
  [CloseCode.unauthorized]: 'status.refused',
  [CloseCode.unknownSession]: 'status.gone',
  [CloseCode.sessionEnded]: 'status.expired',
};

/** The message for a close after which a new socket would fail the same way, or null when reconnecting may help. */
export function finalCloseMessage(code: number): MessageKey | null {
  return FINAL[code] ?? null;
}
