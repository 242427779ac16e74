// Background load for latency measurements: N sessions whose shells spin a busy loop until released.
import { authorized, createSession, terminalUrl } from '../tests/support/api-client.ts';
import { TerminalClient } from '../tests/support/terminal-client.ts';
import type { SessionInfo } from '../shared/contracts/api-schemas.ts';

export interface BusySessions {
  count: number;
  release(): Promise<void>;
}

export async function startBusySessions(baseUrl: string, wsBase: string, count: number): Promise<BusySessions> {
  const sessions: { session: SessionInfo; terminal: TerminalClient }[] = [];
  for (let i = 0; i < count; i += 1) {
    const session = await createSession(baseUrl);
    const terminal = await TerminalClient.open(terminalUrl(wsBase, session));
    await terminal.waitForOutput(/[#$] $/m);
    terminal.type('while :; do :; done\r');
    sessions.push({ session, terminal });
  }
  return {
    count,
    release: async () => {
      await Promise.all(
        sessions.map(async ({ session, terminal }) => {
          terminal.close();
          await fetch(`${baseUrl}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
        }),
      );
    },
  };
}
