// A dropped connection reattaches to the same shell within the grace period, with its screen restored
// exactly once; after the grace period a fresh shell starts instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('reconnect', { SLIPWAY_RECONNECT_GRACE_S: '2' });


const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

test('a dropped socket gets its shell back, screen restored once, state intact', async () => {
  const session = await createSession(server.url);
  const first = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await first.waitForOutput(/[#$] $/m);
  const shell = first.shell();
  assert.equal(shell?.restored, false, 'a first connection gets a new shell');
  first.type('REMEMBERED=yes-$((20+22)); echo before-$((1+1))\r');
  await first.waitForOutput(/^before-2\r?$/m);
  first.drop();

  const second = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&shell=${shell?.id}`);
  await second.waitForOutput(/^before-2\s*$/m);
  assert.deepEqual(second.shell(), { id: shell?.id, restored: true });
  second.type('echo "again $REMEMBERED"\r');
  await second.waitForOutput(/^again yes-42\r?$/m);
  assert.equal(occurrences(second.text, 'before-2'), 1, 'the old screen is shown exactly once');
  assert.equal(occurrences(second.text, 'again yes-42'), 1);
  second.drop();

  // Past the grace period the shell is gone: asking for it gives a fresh one.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const third = await TerminalClient.open(`${terminalUrl(server.wsUrl, session)}&shell=${shell?.id}`);
  await third.waitForOutput(/[#$] $/m);
  assert.equal(third.shell()?.restored, false);
  assert.notEqual(third.shell()?.id, shell?.id);
  third.type('echo "fresh [$REMEMBERED]"\r');
  await third.waitForOutput(/^fresh \[\]\r?$/m);
  third.close();
});
