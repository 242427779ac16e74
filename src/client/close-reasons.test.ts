import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../shared/protocol.ts';
import { finalCloseMessage } from './close-reasons.ts';

test('a session that is gone or refused ends the terminal with a sentence to act on', () => {
  assert.equal(finalCloseMessage(CloseCode.sessionEnded), 'Your session ended (idle too long). Reload the page to start a fresh sandbox.');
  for (const code of [CloseCode.unauthorized, CloseCode.unknownSession]) {
    assert.match(finalCloseMessage(code) ?? '', /Reload the page/);
  }
});

test('other closes are worth a reconnect', () => {
  for (const code of [CloseCode.normal, CloseCode.engineError, 1001, 1006]) assert.equal(finalCloseMessage(code), null);
});
