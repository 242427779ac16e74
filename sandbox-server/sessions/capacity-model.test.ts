import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../domain-error.ts';
import { assertMayCreate, assertNodeRoom, fits, headFits, inUse, placement, poolMayGrow, poolTarget, sandboxesFor, sweepVerdict, type CapacityLimits, type ServerLoad, type SessionLoad } from './capacity-model.ts';

const LIMITS: CapacityLimits = { maxSandboxes: 4, maxQueue: 2, sessionsPerClient: 2, sessionsPerAddress: 3, nodesPerClient: 5, maxNodes: 5, poolSize: 1 };
const EMPTY: ServerLoad = { sessions: [], starting: 0, poolAvailable: 0, poolUnclaimed: 0, queued: 0 };
const ready = (client: string, extraNodes = 0, address = client): SessionLoad => ({ client, address, state: 'ready', lessonNodes: 1 + extraNodes, extraNodes });
const queued = (client: string, lessonNodes = 1, address = client): SessionLoad => ({ client, address, state: 'queued', lessonNodes, extraNodes: undefined });

/** The kind and dictionary code `run` is refused with. */
function refusal(run: () => unknown): { kind: string; code: string } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, 'refused with a DomainError');
    return { kind: error.kind, code: error.code };
  }
  return assert.fail('it was allowed');
}

test('counts ready sessions, every extra node, sandboxes starting and the unclaimed pool; not queued sessions', () => {
  assert.equal(inUse(EMPTY), 0);
  const load: ServerLoad = { sessions: [ready('a'), ready('b', 2), queued('c', 3)], starting: 1, poolAvailable: 1, poolUnclaimed: 2, queued: 1 };
  assert.equal(inUse(load), 1 + 3 + 1 + 2);
});

test('a session starts with its lesson\'s nodes, never more than a session or the server may have', () => {
  assert.equal(sandboxesFor(LIMITS, 3), 3);
  assert.equal(sandboxesFor(LIMITS, 9), 4, 'capped by the server');
  assert.equal(sandboxesFor({ ...LIMITS, maxSandboxes: 10 }, 9), 5, 'capped by the nodes a session may have');
  assert.equal(sandboxesFor(LIMITS, 0), 1);
});

test('a warm sandbox is node1 of the next session: it does not count twice', () => {
  const full: ServerLoad = { ...EMPTY, sessions: [ready('a'), ready('b'), ready('c')], poolAvailable: 1, poolUnclaimed: 1 };
  assert.equal(inUse(full), 4);
  assert.equal(fits(LIMITS, full, 1), true, 'the warm one is taken');
  assert.equal(fits(LIMITS, full, 2), false);
  assert.equal(fits(LIMITS, { ...full, poolAvailable: 0 }, 1), false, 'a pool sandbox being removed still holds its place');
});

test('limits per client, per address and per client nodes are refused as rate-limited, with their sentence', () => {
  const load: ServerLoad = { ...EMPTY, sessions: [ready('a', 0, 'net'), ready('a', 0, 'net'), ready('b', 0, 'net')] };
  assert.deepEqual(refusal(() => assertMayCreate(LIMITS, load, { client: 'a', address: 'elsewhere', lessonNodes: 1 })), { kind: 'rate-limited', code: 'sessionLimit' });
  assert.deepEqual(refusal(() => assertMayCreate(LIMITS, load, { client: 'c', address: 'net', lessonNodes: 1 })), { kind: 'rate-limited', code: 'addressLimit' });
  assertMayCreate(LIMITS, load, { client: 'c', address: 'other', lessonNodes: 1 });
  // A queued session holds the nodes its lesson will start with.
  const nodes: ServerLoad = { ...EMPTY, sessions: [ready('d', 2), queued('d', 2)] };
  assert.deepEqual(refusal(() => assertNodeRoom(LIMITS, nodes, 'd', 1)), { kind: 'rate-limited', code: 'nodeLimit' });
  assertNodeRoom(LIMITS, { ...EMPTY, sessions: [ready('d', 2)] }, 'd', 2);
  assert.deepEqual(refusal(() => assertMayCreate(LIMITS, { ...EMPTY, sessions: [ready('d', 3)] }, { client: 'd', address: 'x', lessonNodes: 2 })), { kind: 'rate-limited', code: 'nodeLimit' });
});

test('a new session starts when it fits and nobody waits; else it queues; a full line refuses', () => {
  assert.equal(placement(LIMITS, EMPTY, 1), 'start');
  assert.equal(placement(LIMITS, EMPTY, 4), 'start');
  const three: ServerLoad = { ...EMPTY, sessions: [ready('a'), ready('b'), ready('c')] };
  assert.equal(placement(LIMITS, three, 1), 'start');
  assert.equal(placement(LIMITS, three, 2), 'queue', 'a two-node lesson does not fit in one free place');
  // Somebody waits: even a session that would fit goes behind them.
  assert.equal(placement(LIMITS, { ...EMPTY, queued: 1 }, 1), 'queue');
  assert.deepEqual(refusal(() => placement(LIMITS, { ...three, sessions: [...three.sessions, ready('d')], queued: 2 }, 1)), { kind: 'unavailable', code: 'queueFull' });
  assert.deepEqual(refusal(() => placement({ ...LIMITS, maxQueue: 0 }, { ...three, sessions: [...three.sessions, ready('d')] }, 1)), { kind: 'unavailable', code: 'serverFull' });
});

test('the line hands over in order: the first waits until it fits, nobody behind it overtakes', () => {
  // The manager's pump: while the first in line fits, it starts (holding its sandboxes while they start).
  const line = [{ name: 'big', nodes: 3 }, { name: 'small', nodes: 1 }, { name: 'next', nodes: 1 }];
  let load: ServerLoad = { ...EMPTY, sessions: [ready('a'), ready('b')], queued: line.length };
  const started: string[] = [];
  const pump = () => {
    while (line[0] && headFits(LIMITS, load, line[0].nodes)) {
      const next = line.shift();
      if (!next) return;
      started.push(next.name);
      load = { ...load, starting: load.starting + sandboxesFor(LIMITS, next.nodes), queued: line.length };
    }
  };
  pump();
  assert.deepEqual(started, [], 'two places free: the three-node lesson waits, and so does everyone behind it');
  load = { ...load, sessions: [ready('a')] }; // b ended
  pump();
  assert.deepEqual(started, ['big'], 'it goes once three places are free, and fills them');
  load = { ...load, sessions: [], starting: 3 };
  pump();
  assert.deepEqual(started, ['big', 'small'], 'one place left: the next in line goes');
  assert.equal(line.length, 1);
});

test('the pool warms only when nobody waits and capacity is left; reservations add to its size', () => {
  assert.equal(poolMayGrow(LIMITS, EMPTY), true);
  assert.equal(poolMayGrow(LIMITS, { ...EMPTY, queued: 1 }), false, 'freed capacity goes to the line first');
  assert.equal(poolMayGrow(LIMITS, { ...EMPTY, sessions: [ready('a'), ready('b'), ready('c')], poolUnclaimed: 1 }), false);
  assert.equal(poolTarget(LIMITS, []), 1);
  assert.equal(poolTarget(LIMITS, [3, 2]), 6, 'two workshops about to start');
  assert.equal(poolTarget(LIMITS, new Map([['w', 0]]).values()), 1);
});

test('a sweep ends idle sessions, queued ones too, and ready ones over time; it spares the starting, the suspended and the watched', () => {
  const now = 1_000_000;
  const idleMs = 60_000;
  const base = { endsAt: now + 10_000, lastActivity: now - 1_000, suspended: false, watched: false };
  assert.equal(sweepVerdict({ ...base, state: 'ready' }, now, idleMs), 'keep');
  assert.equal(sweepVerdict({ ...base, state: 'ready', lastActivity: now - idleMs - 1 }, now, idleMs), 'idle');
  assert.equal(sweepVerdict({ ...base, state: 'ready', endsAt: now }, now, idleMs), 'time-limit');
  assert.equal(sweepVerdict({ ...base, state: 'queued', lastActivity: now - idleMs - 1 }, now, idleMs), 'idle', 'a queued session nobody watches leaves the line');
  assert.equal(sweepVerdict({ ...base, state: 'queued', lastActivity: now - idleMs - 1, watched: true }, now, idleMs), 'touch', 'a learner watching the line is waiting, not idle');
  assert.equal(sweepVerdict({ ...base, state: 'queued', endsAt: now - 1 }, now, idleMs), 'keep', 'the time limit counts from a ready sandbox');
  assert.equal(sweepVerdict({ ...base, state: 'starting', lastActivity: 0, endsAt: 0 }, now, idleMs), 'keep');
  assert.equal(sweepVerdict({ ...base, state: 'ready', lastActivity: 0, suspended: true }, now, idleMs), 'keep');
});
