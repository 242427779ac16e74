import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame, CloseCode } from '../../../shared/contracts/protocol.ts';
import { DashboardMessageSchema, type DashboardState, type LearnerProgress } from '../../../shared/contracts/workshop-schemas.ts';
import { clockTime, createDashboardStore, extendedEnd, instructorLink, learnerLine, lessonTitle, stepColumns, workshopClock, type DashboardStore } from './dashboard-store.ts';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

const learner = (overrides: Partial<LearnerProgress>): LearnerProgress => ({
  id: 'learner-1', name: 'Ada', joinedAt: minutesAgo(30), lesson: 'first-container', online: true, completed: {},
  currentStep: 'run-hello', currentSince: minutesAgo(1), failuresInARow: 0, attempts: 0, ...overrides,
});

function dashboardState(learners: LearnerProgress[], overrides: Partial<DashboardState['workshop']> = {}): DashboardState {
  return {
    workshop: {
      id: 'workshop-1', code: 'ABC234', title: 'Docker day', startsAt: minutesAgo(60), endsAt: new Date(NOW + 65 * 60_000 + 5_000).toISOString(), endedAt: null,
      lessons: [{ slug: 'first-container', title: 'Your first container', steps: [{ id: 'run-hello', title: 'Run hello' }, { id: 'clean-up', title: 'Clean up' }] }],
      capacity: 30, stuck: { minutes: 5, failures: 5 }, ...overrides,
    },
    learners, stepCounts: { 'first-container': { 'run-hello': 1 } }, pool: { ready: 2, warming: 0 }, at: minutesAgo(0),
  };
}

/** A text frame as the live socket handles it: decoded with the shared schema, then applied. */
function receive(store: DashboardStore, text: string): boolean {
  const decoded = decodeFrame(DashboardMessageSchema, text);
  if (decoded.ok) store.getState().applyFrame(decoded.value);
  return decoded.ok;
}

test('starts connecting; a state frame makes it live with the page language titles', () => {
  const titles = { 'first-container': { title: '你的第一个容器', steps: { 'run-hello': '运行 hello' } } };
  const store = createDashboardStore({ locale: 'zh-CN', titles, now: NOW });
  assert.deepEqual([store.getState().status, store.getState().message], ['connecting', '正在连接…']);
  assert.equal(receive(store, JSON.stringify({ type: 'state', state: dashboardState([learner({})]) })), true);
  const { state, status, message } = store.getState();
  assert.deepEqual([status, message], ['live', '实时']);
  assert.deepEqual(stepColumns(state!).map(({ lesson, step }) => `${lesson.title}/${step.title}`), ['你的第一个容器/运行 hello', '你的第一个容器/Clean up']);
  // What the watch panel says a learner is in: the title, never the slug, unless the workshop lacks it.
  assert.deepEqual([lessonTitle(state, 'first-container'), lessonTitle(state, 'other'), lessonTitle(null, 'x')], ['你的第一个容器', 'other', 'x']);
});

test('malformed or hostile frames never reach the state', () => {
  const store = createDashboardStore({ now: NOW });
  receive(store, JSON.stringify({ type: 'state', state: dashboardState([learner({})]) }));
  const before = store.getState().state;
  for (const frame of ['not json', '{"type":"state"}', JSON.stringify({ type: 'state', state: { ...dashboardState([]), learners: [{ name: '<img src=x onerror=alert(1)>' }] } }), '{"type":"__proto__"}']) {
    assert.equal(receive(store, frame), false, frame);
  }
  assert.equal(store.getState().state, before);
});

test('an ended workshop says so and stops counting anyone as stuck', () => {
  const store = createDashboardStore({ locale: 'zh-CN', now: NOW });
  receive(store, JSON.stringify({ type: 'state', state: dashboardState([learner({ failuresInARow: 9 })], { endedAt: minutesAgo(1) }) }));
  const view = store.getState();
  assert.equal(view.status, 'ended');
  assert.equal(workshopClock(view, view.state!), '已结束');
  assert.equal(learnerLine(view, view.state!, view.state!.learners[0]!).stuck, false);
});

test('a wrong link or an unknown workshop is final; any other close reconnects', () => {
  const store = createDashboardStore({ locale: 'zh-CN', now: NOW });
  assert.equal(store.getState().socketClosed(1006), true);
  assert.deepEqual([store.getState().status, store.getState().message], ['reconnecting', '连接已断开，正在重新连接…']);
  assert.equal(store.getState().socketClosed(CloseCode.unauthorized), false);
  assert.deepEqual([store.getState().status, store.getState().message], ['error', '此讲师链接无效。']);
  assert.equal(store.getState().socketClosed(CloseCode.unknownSession), false);
  assert.equal(store.getState().message, '没有这个工作坊。');
});

test('learner lines: stuck by failures, stuck by time as the clock ticks, finished, offline — in Chinese', () => {
  const store = createDashboardStore({ locale: 'zh-CN', now: NOW });
  const ada = learner({ id: 'learner-a', currentSince: minutesAgo(4) });
  const bob = learner({ id: 'learner-b', failuresInARow: 5 });
  const cyd = learner({ id: 'learner-c', currentStep: null, currentSince: null });
  const dan = learner({ id: 'learner-d', online: false, lesson: null, currentStep: null, currentSince: null });
  receive(store, JSON.stringify({ type: 'state', state: dashboardState([ada, bob, cyd, dan]) }));
  const line = (index: number) => {
    const view = store.getState();
    return learnerLine(view, view.state!, view.state!.learners[index]!);
  };
  assert.deepEqual(line(0), { status: 'online', stuck: false, label: '进行中', onStepFor: '4:00', lesson: 'Your first container' });
  assert.deepEqual([line(1).status, line(1).stuck, line(1).label], ['failing', true, '卡住了：连续 5 次检查未通过']);
  assert.deepEqual([line(2).status, line(2).label, line(2).onStepFor], ['finished', '已完成', '']);
  assert.deepEqual([line(3).status, line(3).label, line(3).lesson], ['offline', '离线', '—']);
  store.getState().tick(NOW + 61_000);
  assert.deepEqual([line(0).status, line(0).label, line(0).onStepFor], ['no-progress', '卡住了：没有进展', '5:01']);
});

test('the workshop clock, the extension and the instructor link', () => {
  const state = dashboardState([]);
  assert.equal(workshopClock({ locale: 'en', now: NOW }, state), 'Ends in 1:05:05');
  assert.equal(workshopClock({ locale: 'zh-CN', now: NOW + 2 * 3600_000 }, state), '即将结束…');
  assert.equal(extendedEnd(state, NOW), new Date(Date.parse(state.workshop.endsAt) + 15 * 60_000).toISOString());
  assert.equal(extendedEnd(state, NOW + 3 * 3600_000), new Date(NOW + 3 * 3600_000 + 15 * 60_000).toISOString(), 'past the end, from now');
  assert.equal(clockTime(-5), '0:00');
  assert.deepEqual(instructorLink('#workshop=w_1-a&token=t0k'), { workshopId: 'w_1-a', token: 't0k' });
  for (const hash of ['', '#workshop=w1', '#workshop=../x&token=t', '#token=t']) assert.equal(instructorLink(hash), null, hash);
});

test('an error frame and a failed action show their sentence', () => {
  const store = createDashboardStore({ now: NOW });
  receive(store, JSON.stringify({ type: 'error', message: 'The workshop is gone.' }));
  assert.deepEqual([store.getState().status, store.getState().message], ['error', 'The workshop is gone.']);
  store.getState().linkMissing();
  assert.match(store.getState().message, /instructor link/);
});
