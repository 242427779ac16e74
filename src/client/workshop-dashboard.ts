// The instructor dashboard: state pushed over /api/workshops/:id/live, rendered as learners × steps. Every
// learner-provided string goes through textContent, never innerHTML. A one-second local tick updates the
// "time on step" column and the stuck highlight (the rule is shared with the server: shared/contracts/stuck.ts).
import { CloseCode } from '../../shared/contracts/protocol.ts';
import { stuckReason } from '../../shared/contracts/stuck.ts';
import { BroadcastResponseSchema, DashboardMessageSchema, DashboardStateSchema, PageLessonTitlesSchema, withPageTitles, type DashboardState, type LearnerProgress } from '../../shared/contracts/workshop-schemas.ts';
import { callApi, formInput } from './workshop-api.ts';
import { flashLabel } from './flash-label.ts';
import { watchLearner, type WatchView } from './workshop-watch.ts';
import { mountSiteChrome } from './site-chrome.ts';

declare global {
  interface Window {
    /** For end-to-end tests: the latest dashboard state and the watch terminal. */
    slipwayDashboard?: { state: DashboardState | null; watch: WatchView | null };
  }
}

const EXTEND_MS = 15 * 60_000;

function el<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`dashboard markup is missing ${selector}`);
  return found;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function start(root: HTMLElement): void {
  const { t } = mountSiteChrome();
  // Lesson and step titles in the page's language (the server sends English ones); invalid data is ignored.
  const titles = PageLessonTitlesSchema.safeParse(JSON.parse(root.dataset.lessonTitles ?? '{}')).data ?? {};
  const fragment = new URLSearchParams(location.hash.slice(1));
  const workshopId = fragment.get('workshop') ?? '';
  const token = fragment.get('token') ?? '';
  const status = el(root, '[data-dashboard-status]');
  const table = el<HTMLTableElement>(root, '[data-progress-table]');
  const empty = el(root, '[data-empty]');
  const panel = el(root, '[data-watch-panel]');
  const debug: { state: DashboardState | null; watch: WatchView | null } = { state: null, watch: null };
  window.slipwayDashboard = debug;
  let state: DashboardState | null = null;
  let watching: { learnerId: string; view: WatchView } | null = null;

  if (!/^[\w-]+$/.test(workshopId) || !token) {
    status.textContent = t('dash.needLink');
    status.dataset.state = 'error';
    return;
  }
  const api = `/api/workshops/${encodeURIComponent(workshopId)}`;

  // --- live state -------------------------------------------------------------------------------------
  let retries = 0;
  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}${api}/live`);
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      const message = DashboardMessageSchema.safeParse(JSON.parse(event.data));
      if (!message.success) return console.warn('[slipway] ignoring a malformed dashboard frame');
      if (message.data.type === 'error') return void (status.textContent = message.data.message);
      retries = 0;
      state = { ...message.data.state, workshop: { ...message.data.state.workshop, lessons: withPageTitles(message.data.state.workshop.lessons, titles) } };
      debug.state = state;
      status.textContent = state.workshop.endedAt ? t('dash.endedNotice') : t('dash.live');
      status.dataset.state = state.workshop.endedAt ? 'ended' : 'ready';
      render();
    });
    socket.addEventListener('close', (event) => {
      if (event.code === CloseCode.unauthorized || event.code === CloseCode.unknownSession) {
        status.textContent = t(event.code === CloseCode.unknownSession ? 'error.noWorkshop' : 'dash.badLink');
        status.dataset.state = 'error';
        return;
      }
      const delay = Math.min(10_000, 500 * 2 ** retries);
      retries += 1;
      status.textContent = t('dash.reconnecting');
      status.dataset.state = 'reconnecting';
      setTimeout(connect, delay);
    });
  };
  connect();
  setInterval(() => state && renderTimes(), 1000);

  // --- rendering ------------------------------------------------------------------------------------------
  const columns = () => (state?.workshop.lessons ?? []).flatMap((lesson) => lesson.steps.map((step) => ({ lesson, step })));

  function render(): void {
    if (!state) return;
    const { workshop } = state;
    el(root, '[data-workshop-title]').textContent = workshop.title;
    el(document, '[data-dashboard-title]').textContent = t('dash.titleWith', { title: workshop.title });
    el(root, '[data-workshop-code]').textContent = workshop.code;
    el(root, '[data-workshop-pool]').textContent = t(state.pool.warming ? 'dash.poolWarming' : 'dash.pool', { ready: state.pool.ready, warming: state.pool.warming });
    const stuckForm = el<HTMLFormElement>(root, '[data-stuck-form]');
    if (!stuckForm.contains(document.activeElement)) {
      formInput(stuckForm, 'minutes').value = String(workshop.stuck.minutes);
      formInput(stuckForm, 'failures').value = String(workshop.stuck.failures);
    }
    const capacityForm = el<HTMLFormElement>(root, '[data-capacity-form]');
    if (!capacityForm.contains(document.activeElement)) formInput(capacityForm, 'capacity').value = String(workshop.capacity);
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-extend], [data-end], [data-broadcast-form] button, [data-stuck-form] button, [data-capacity-form] button')) button.disabled = workshop.endedAt !== null;

    const cols = columns();
    const head = make('tr');
    // Who and how they are doing first (the name column stays put while the steps scroll sideways).
    head.append(make('th', t('dash.colLearner'), 'learner-col'), make('th', t('dash.colStatus')), make('th', t('dash.colOnStep')), make('th', t('dash.colLesson')));
    for (const { lesson, step } of cols) {
      const th = make('th', step.title, 'step-col');
      th.title = `${lesson.title}: ${step.title}`;
      th.scope = 'col';
      // Focusable, so a keyboard user can read a cut-off title too (it unfolds on focus).
      th.tabIndex = 0;
      head.append(th);
    }
    table.tHead?.replaceChildren(head);

    // Rows are rebuilt on every push: keep keyboard focus on the same learner's button.
    const focused = document.activeElement?.closest<HTMLElement>('tr[data-learner]')?.dataset.learner;
    table.tBodies[0]?.replaceChildren(...state.learners.map((learner) => learnerRow(learner, cols)));
    if (focused) table.querySelector<HTMLElement>(`tr[data-learner="${CSS.escape(focused)}"] .learner-name`)?.focus();
    const foot = make('tr');
    foot.append(make('th', t('dash.joined', { count: state.learners.length, capacity: workshop.capacity }), 'learner-col'), make('td', ''), make('td', ''), make('td', ''));
    for (const { lesson, step } of cols) foot.append(make('td', String(state.stepCounts[lesson.slug]?.[step.id] ?? 0), 'count'));
    table.tFoot?.replaceChildren(foot);
    empty.hidden = state.learners.length > 0;
    renderTimes();
  }

  function learnerRow(learner: LearnerProgress, cols: ReturnType<typeof columns>): HTMLTableRowElement {
    const row = make('tr');
    row.dataset.learner = learner.id;
    const nameCell = make('th', undefined, 'learner-col');
    nameCell.scope = 'row';
    const watch = make('button', learner.name, 'learner-name');
    watch.type = 'button';
    watch.disabled = !learner.online;
    watch.title = learner.online ? t('dash.watchTitle', { name: learner.name }) : t('dash.noTerminal');
    watch.addEventListener('click', () => openWatch(learner));
    nameCell.append(watch);
    const time = make('td', '', 'time');
    time.dataset.since = learner.currentSince ?? '';
    const badge = make('td', '', 'status');
    badge.dataset.status = '';
    row.append(nameCell, badge, time, make('td', learner.lesson ? (state?.workshop.lessons.find((lesson) => lesson.slug === learner.lesson)?.title ?? learner.lesson) : '—'));
    for (const { lesson, step } of cols) {
      const done = learner.completed[lesson.slug]?.[step.id];
      const current = learner.lesson === lesson.slug && learner.currentStep === step.id;
      const cell = make('td', done ? '✓' : current ? '•' : '', done ? 'tick done' : current ? 'tick current' : 'tick');
      cell.dataset.step = `${lesson.slug}/${step.id}`;
      cell.dataset.state = done ? 'done' : current ? 'current' : 'todo';
      cell.title = done ? t('dash.completedAt', { time: new Date(done).toLocaleTimeString(document.documentElement.lang) }) : current ? t('dash.currentStep') : t('dash.notDone');
      row.append(cell);
    }
    return row;
  }

  /** Time on step and the stuck highlight, re-evaluated every second. */
  function renderTimes(): void {
    if (!state) return;
    const now = Date.now();
    const ended = state.workshop.endedAt !== null;
    const endsIn = Date.parse(state.workshop.endsAt) - now;
    el(root, '[data-workshop-time]').textContent = ended ? t('dash.ended') : endsIn > 0 ? t('dash.endsIn', { time: formatDuration(endsIn) }) : t('dash.ending');
    for (const learner of state.learners) {
      const row = table.querySelector<HTMLTableRowElement>(`tr[data-learner="${CSS.escape(learner.id)}"]`);
      if (!row) continue;
      const time = row.querySelector<HTMLElement>('.time');
      const badge = row.querySelector<HTMLElement>('.status');
      if (time) time.textContent = learner.currentSince && learner.currentStep ? formatDuration(now - Date.parse(learner.currentSince)) : '';
      const reason = ended ? null : stuckReason(learner, state.workshop.stuck, now);
      row.classList.toggle('stuck', reason !== null);
      if (badge) {
        badge.dataset.status = reason ?? (learner.currentStep === null && learner.lesson ? 'finished' : learner.online ? 'online' : 'offline');
        badge.textContent = reason === 'failing' ? t('dash.stuckFailing', { count: learner.failuresInARow }) : reason === 'no-progress' ? t('dash.stuckNoProgress') : learner.currentStep === null && learner.lesson ? t('dash.finished') : learner.online ? t('dash.working') : t('dash.offline');
      }
    }
  }

  // --- watching ---------------------------------------------------------------------------------------
  function openWatch(learner: LearnerProgress): void {
    closeWatch();
    panel.hidden = false;
    el(panel, '[data-watch-title]').textContent = t('dash.watchingName', { name: learner.name });
    const watchStatus = el(panel, '[data-watch-status]');
    watchStatus.textContent = t('dash.connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const view = watchLearner(el(panel, '[data-watch-terminal]'), `${scheme}://${location.host}${api}/learners/${encodeURIComponent(learner.id)}/watch`, token, (text, live) => {
      watchStatus.textContent = text;
      watchStatus.dataset.state = live ? 'ready' : 'ended';
    }, t);
    watching = { learnerId: learner.id, view };
    debug.watch = view;
    panel.scrollIntoView({ block: 'nearest' });
  }

  function closeWatch(): void {
    watching?.view.close();
    watching = null;
    debug.watch = null;
    panel.hidden = true;
  }
  el(panel, '[data-watch-close]').addEventListener('click', closeWatch);

  // --- actions ----------------------------------------------------------------------------------------
  const act = (button: HTMLElement, run: () => Promise<unknown>, done: string) =>
    run().then(() => flashLabel(button, done), (error: unknown) => {
      status.textContent = error instanceof Error ? error.message : String(error);
      status.dataset.state = 'error';
    });

  const extend = el<HTMLButtonElement>(root, '[data-extend]');
  extend.addEventListener('click', () => {
    if (!state) return;
    const endsAt = new Date(Math.max(Date.parse(state.workshop.endsAt), Date.now()) + EXTEND_MS).toISOString();
    void act(extend, () => callApi('PATCH', api, DashboardStateSchema, { body: { endsAt }, token }), t('dash.extended'));
  });

  const end = el<HTMLButtonElement>(root, '[data-end]');
  end.addEventListener('click', () => {
    if (!confirm(t('dash.endConfirm'))) return;
    void act(end, () => callApi('POST', `${api}/end`, DashboardStateSchema, { token }), t('dash.ended'));
  });

  const broadcast = el<HTMLFormElement>(root, '[data-broadcast-form]');
  broadcast.addEventListener('submit', (event) => {
    event.preventDefault();
    const input = broadcast.elements.namedItem('message') as HTMLInputElement;
    const button = el(broadcast, 'button');
    void act(button, async () => {
      await callApi('POST', `${api}/broadcast`, BroadcastResponseSchema, { body: { message: input.value }, token });
      input.value = '';
    }, t('dash.sent'));
  });

  // A full workshop tells learners to ask for more room: this is where the instructor gives it.
  const capacity = el<HTMLFormElement>(root, '[data-capacity-form]');
  capacity.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { capacity: Number(formInput(capacity, 'capacity').value) };
    void act(el(capacity, 'button'), () => callApi('PATCH', api, DashboardStateSchema, { body, token }), t('dash.saved'));
  });
  const stuck = el<HTMLFormElement>(root, '[data-stuck-form]');
  stuck.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { stuck: { minutes: Number(formInput(stuck, 'minutes').value), failures: Number(formInput(stuck, 'failures').value) } };
    void act(el(stuck, 'button'), () => callApi('PATCH', api, DashboardStateSchema, { body, token }), t('dash.saved'));
  });

  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-export]')) {
    button.addEventListener('click', () => {
      const format = button.dataset.export === 'json' ? 'json' : 'csv';
      void act(button, async () => {
        // Column headers in the page's language (the JSON keys stay as documented).
        const response = await fetch(`${api}/results.${format}?lang=${encodeURIComponent(document.documentElement.lang)}`, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(t('dash.exportFailed', { status: response.status }));
        const link = make('a');
        link.href = URL.createObjectURL(await response.blob());
        link.download = `workshop-${state?.workshop.code ?? workshopId}.${format}`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      }, t('dash.downloaded'));
    });
  }
}

const root = document.querySelector<HTMLElement>('[data-workshop-dashboard]');
if (root) start(root);
