// Max concurrent idle sessions: sessions are created one after another and left idle; every `probeEvery`
// sessions the keystroke echo of a fresh terminal is measured. The run stops at the first failed create,
// the first echo p99 above the limit, or at the configured cap (so it always ends on its own).
import { authorized, createSession, terminalUrl } from '../tests/support/api-client.ts';
import type { SessionInfo } from '../shared/contracts/api-schemas.ts';
import { measureEchoThroughServer } from './measure-echo.ts';

export interface CapacityResult {
  sessionsHeld: number;
  cap: number;
  stoppedBy: 'cap' | 'create failed' | 'echo p99 over limit';
  echoP99LimitMs: number;
  lastEchoP99Ms: number;
  detail?: string;
}

export async function measureCapacity(baseUrl: string, wsBase: string, options: { cap: number; probeEvery: number; echoP99LimitMs: number }): Promise<CapacityResult> {
  const sessions: SessionInfo[] = [];
  let lastEchoP99Ms = 0;
  const result = (stoppedBy: CapacityResult['stoppedBy'], detail?: string): CapacityResult => ({ sessionsHeld: sessions.length, cap: options.cap, stoppedBy, echoP99LimitMs: options.echoP99LimitMs, lastEchoP99Ms, ...(detail ? { detail } : {}) });
  try {
    while (sessions.length < options.cap) {
      try {
        sessions.push(await createSession(baseUrl));
      } catch (error) {
        return result('create failed', error instanceof Error ? error.message.split('\n')[0] : String(error));
      }
      if (sessions.length % options.probeEvery === 0 || sessions.length === options.cap) {
        const newest = sessions.at(-1) as SessionInfo;
        lastEchoP99Ms = (await measureEchoThroughServer(terminalUrl(wsBase, newest), 100)).p99;
        if (lastEchoP99Ms > options.echoP99LimitMs) return result('echo p99 over limit');
      }
    }
    return result('cap');
  } finally {
    await Promise.all(sessions.map((session) => fetch(`${baseUrl}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }))));
  }
}
