import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../../shared/contracts/protocol.ts';
import { translate } from '../../shared/i18n/ui-strings.ts';
import { finalCloseMessage } from './close-reasons.ts';

test('a session that is gone or refused ends the terminal with a sentence to act on', () => {
  assert.equal(finalCloseMessage(CloseCode.sessionEnded), 'status.expired');
  for (const code of [CloseCode.unauthorized, CloseCode.unknownSession, CloseCode.sessionEnded]) {
    const key = finalCloseMessage(code);
    assert.ok(key, `close ${code} is final`);
    assert.match(translate('en', key), /Start a new sandbox/);
  }
});

test('other closes are worth a reconnect', () => {
  for (const code of [CloseCode.normal, CloseCode.engineError, 1001, 1006]) assert.equal(finalCloseMessage(code), null);
});
