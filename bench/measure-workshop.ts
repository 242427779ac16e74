// Time to prompt for a whole class pressing Start together: N learners join one workshop at once, each
// creates a session and opens a terminal; a sample is join request -> first prompt on that terminal, split
// into join, session (sandbox hand-over) and shell (login shell to its first prompt).
// Measured cold (a workshop starting tomorrow: nothing warm, SLIPWAY_POOL_SIZE=0) and pre-warmed (a workshop
// starting now: one sandbox per expected learner warmed first). Run alone: node bench/measure-workshop.ts
import { terminalUrl } from '../tests/support/api-client.ts';
import { sandboxesOf } from '../tests/support/leftovers.ts';
import { TerminalClient } from '../tests/support/terminal-client.ts';
import { startTestServer, type TestServer } from '../tests/support/test-server.ts';
import { createLearnerSession, createWorkshop, instructorAuth, joinWorkshop } from '../tests/support/workshop-client.ts';
import { round, summary } from './stats.ts';

const PROMPT = /node1:~# $/m;

interface Phases {
  /** Join request to learner token. */
  join: number;
  /** POST /api/sessions: the sandbox (warm or started now) handed over. */
  session: number;
  /** Terminal socket opened to the first prompt: the login shell starting in the sandbox. */
  shell: number;
  total: number;
}

async function classPressesStart(server: TestServer, learners: number, startsAt: Date): Promise<{ phases: Phases[]; warmupS: number }> {
  const created = await createWorkshop(server.url, { title: 'bench', capacity: learners, startsAt: startsAt.toISOString(), endsAt: new Date(Date.now() + 3600_000 * 48).toISOString() });
  const warmupStarted = performance.now();
  const prewarm = startsAt.getTime() <= Date.now();
  while (prewarm && server.app.sessions.poolState().ready < learners) await new Promise((resolve) => setTimeout(resolve, 100));
  const warmupS = round((performance.now() - warmupStarted) / 1000, 1);
  const terminals: TerminalClient[] = [];
  try {
    const phases = await Promise.all(
      Array.from({ length: learners }, async (_, index): Promise<Phases> => {
        const started = performance.now();
        const joined = await joinWorkshop(server.url, created.workshop.code, `Learner ${index + 1}`);
        const joinedAt = performance.now();
        const session = await createLearnerSession(server.url, joined.learner.token);
        const sessionAt = performance.now();
        const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
        terminals.push(terminal);
        await terminal.waitForOutput(PROMPT, 300_000);
        const now = performance.now();
        return { join: joinedAt - started, session: sessionAt - joinedAt, shell: now - sessionAt, total: now - started };
      }),
    );
    return { phases, warmupS };
  } finally {
    for (const terminal of terminals) terminal.close();
    await fetch(`${server.url}/api/workshops/${created.workshop.id}/end`, { method: 'POST', ...instructorAuth(created.instructorToken) });
  }
}

export async function measureWorkshopStart(instance: string, learners: number) {
  const server = await startTestServer({ SLIPWAY_INSTANCE: instance, SLIPWAY_LOG: 'warn', SLIPWAY_MAX_SESSIONS: String(learners), SLIPWAY_READY_TIMEOUT_S: '300' });
  try {
    const cold = await classPressesStart(server, learners, new Date(Date.now() + 86_400_000));
    const prewarmed = await classPressesStart(server, learners, new Date());
    const of = (phases: Phases[], phase: keyof Phases) => summary(phases.map((sample) => sample[phase]));
    const breakdown = (phases: Phases[]) => ({ joinMs: of(phases, 'join'), sessionMs: of(phases, 'session'), shellMs: of(phases, 'shell') });
    return {
      learners,
      coldMs: of(cold.phases, 'total'),
      prewarmedMs: of(prewarmed.phases, 'total'),
      prewarmWarmupS: prewarmed.warmupS,
      breakdown: { cold: breakdown(cold.phases), prewarmed: breakdown(prewarmed.phases) },
    };
  } finally {
    await server.close();
    const left = await sandboxesOf(instance);
    if (left.length > 0) throw new Error(`the workshop bench left ${left.length} sandbox(es) behind`);
  }
}

if (import.meta.main) {
  const result = await measureWorkshopStart(`bench-workshop-${process.pid}`, Number(process.env.BENCH_WORKSHOP_LEARNERS ?? 30));
  console.log(JSON.stringify(result, null, 2));
}
