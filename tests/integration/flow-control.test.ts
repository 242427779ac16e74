// A 10 MB burst through the terminal: when the client says it is behind, the shell's output stops at the
// source (nothing piles up in the server), and it completes once the client resumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('flow');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Only the tail is searched: the whole output is megabytes long.
const tailHas = (terminal: TerminalClient, text: string) => terminal.output.slice(-4096).includes(text);

test('pausing stops a 10 MB burst at the source; resuming delivers the rest', async () => {
  const session = await createSession(server.url);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('head -c 7500000 /dev/urandom | base64; echo "burst-done-$((1+1))"\r');
  await terminal.waitFor(() => terminal.output.length > 1_000_000, 'the burst to start');
  terminal.control({ type: 'flow', paused: true });
  await sleep(1500); // what was already on its way arrives
  const atPause = terminal.output.length;
  const rssAtPause = process.memoryUsage().rss;
  await sleep(1500);
  assert.ok(terminal.output.length - atPause < 64 * 1024, `output stopped while paused (grew ${terminal.output.length - atPause} bytes)`);
  assert.equal(tailHas(terminal, 'burst-done-2'), false, 'the burst is held, not finished');
  assert.ok(process.memoryUsage().rss - rssAtPause < 64 * 2 ** 20, 'the server does not buffer the held output');

  terminal.control({ type: 'flow', paused: false });
  await terminal.waitFor(() => tailHas(terminal, 'burst-done-2'), 'the rest of the burst', 60_000);
  assert.ok(terminal.output.length > 10_000_000, `all 10 MB arrived (${terminal.output.length} bytes)`);
  terminal.close();
});
