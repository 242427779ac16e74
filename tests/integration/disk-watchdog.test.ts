// A sandbox's inner engine storage is held to SLIPWAY_SANDBOX_DISK: the learner gets a notice at 80 % and
// the session ends, with a reason, at 100 %.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';
import { CloseCode } from '../../shared/contracts/protocol.ts';

const LIMIT_MIB = 160;
const server = serverForThisFile('disk', { SLIPWAY_SANDBOX_DISK: `${LIMIT_MIB}m`, SLIPWAY_DISK_CHECK_S: '1' });

test('filling the disk first warns the learner, then ends the session with the reason', async () => {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('echo "used-kib=$(du -skx /var/lib/docker | cut -f1)"\r');
  await terminal.waitForOutput(/^used-kib=\d+\r?$/m);
  const usedMib = Number(/^used-kib=(\d+)/m.exec(terminal.text)?.[1]) / 1024;
  assert.ok(usedMib < LIMIT_MIB * 0.6, `a fresh sandbox uses ${usedMib.toFixed(1)} MiB, well under the test's limit`);

  // To 85 %: a warning, and the session goes on.
  const toWarning = Math.ceil(LIMIT_MIB * 0.85 - usedMib);
  terminal.type(`dd if=/dev/zero of=/var/lib/docker/fill-1 bs=1M count=${toWarning} 2>/dev/null; echo filled-1\r`);
  await terminal.waitFor(() => terminal.events.some((event) => event.type === 'notice'), 'a disk notice', 30_000);
  const notice = terminal.events.find((event) => event.type === 'notice');
  assert.ok(notice?.type === 'notice' && notice.level === 'warning');
  assert.match(notice.message, /used (8\d|9\d) % of its disk space/);
  assert.equal(terminal.closeCode, undefined);

  // Past 100 %: the session ends and says why.
  terminal.type(`dd if=/dev/zero of=/var/lib/docker/fill-2 bs=1M count=${Math.ceil(LIMIT_MIB * 0.2)} 2>/dev/null; echo filled-2\r`);
  await terminal.waitForClose(30_000);
  assert.equal(terminal.closeCode, CloseCode.sessionEnded);
  assert.match(terminal.closeReason ?? '', /used all of its disk space/);
  const gone = await fetch(`${server.url}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${session.token}` } });
  assert.equal(gone.status, 404);
});

test('a preallocated file outside the engine counts, measured from the host even when the sandbox lies', async () => {
  // One learner replaces the tools a measurement inside the sandbox would run, with ones that never return.
  const liar = await createSession(server.url);
  const liarShell = await TerminalClient.open(terminalUrl(server.wsUrl, liar));
  await liarShell.waitForOutput(/[#$] $/m);
  liarShell.type(`for tool in du nice; do printf '#!/bin/sh\\nexec sleep 100000\\n' > /usr/local/bin/$tool; chmod +x /usr/local/bin/$tool; done; echo tools-replaced\r`);
  await liarShell.waitForOutput(/tools-replaced/);

  // Another preallocates far beyond the limit in its home directory (the writable layer, not /var/lib/docker).
  const filler = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, filler));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type(`fallocate -l ${LIMIT_MIB * 4}M /root/big && echo allocated\r`);
  await terminal.waitForClose(30_000);
  assert.equal(terminal.closeCode, CloseCode.sessionEnded);
  assert.match(terminal.closeReason ?? '', /used all of its disk space/);
  assert.equal(liarShell.closeCode, undefined, 'the liar uses little and keeps its session');
  liarShell.close();
  await fetch(`${server.url}/api/sessions/${liar.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${liar.token}` } });
});
