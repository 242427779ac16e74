// The learners × steps table: who, how they are doing and for how long first (that part stays put while the
// steps scroll sideways), then a tick per step, and the step counts in the footer. Rows are rebuilt when the
// server pushes a new state; the status and time cells every second as the store's clock ticks.
import type { DashboardState, LearnerProgress } from '../../../shared/contracts/workshop-schemas.ts';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n/ui-strings.ts';
import { learnerLine, stepColumns, type DashboardStore } from './dashboard-store.ts';
import { make } from './make-element.ts';

export function mountProgressTable(table: HTMLTableElement, empty: HTMLElement, store: DashboardStore, onWatch: (learner: LearnerProgress) => void): void {
  const t = (key: MessageKey, params?: MessageParams) => translate(store.getState().locale, key, params);

  function render(state: DashboardState): void {
    const columns = stepColumns(state);
    const head = make('tr');
    head.append(make('th', t('dash.colLearner'), 'learner-col'), make('th', t('dash.colStatus')), make('th', t('dash.colOnStep')), make('th', t('dash.colLesson')));
    for (const { lesson, step } of columns) {
      const th = make('th', step.title, 'step-col');
      th.title = `${lesson.title}: ${step.title}`;
      th.scope = 'col';
      // Focusable, so a keyboard user can read a cut-off title too (it unfolds on focus).
      th.tabIndex = 0;
      head.append(th);
    }
    table.tHead?.replaceChildren(head);

    // Keep keyboard focus on the same learner's button across the rebuild.
    const focused = document.activeElement?.closest<HTMLElement>('tr[data-learner]')?.dataset.learner;
    table.tBodies[0]?.replaceChildren(...state.learners.map((learner) => row(state, learner, columns)));
    if (focused) table.querySelector<HTMLElement>(`tr[data-learner="${CSS.escape(focused)}"] .learner-name`)?.focus();

    const foot = make('tr');
    foot.append(make('th', t('dash.joined', { count: state.learners.length, capacity: state.workshop.capacity }), 'learner-col'), make('td', ''), make('td', ''), make('td', ''));
    for (const { lesson, step } of columns) foot.append(make('td', String(state.stepCounts[lesson.slug]?.[step.id] ?? 0), 'count'));
    table.tFoot?.replaceChildren(foot);
    empty.hidden = state.learners.length > 0;
    renderLines(state);
  }

  function row(state: DashboardState, learner: LearnerProgress, columns: ReturnType<typeof stepColumns>): HTMLTableRowElement {
    const tr = make('tr');
    tr.dataset.learner = learner.id;
    const nameCell = make('th', undefined, 'learner-col');
    nameCell.scope = 'row';
    const watch = make('button', learner.name, 'learner-name');
    watch.type = 'button';
    watch.disabled = !learner.online;
    watch.title = learner.online ? t('dash.watchTitle', { name: learner.name }) : t('dash.noTerminal');
    watch.addEventListener('click', () => onWatch(learner));
    nameCell.append(watch);
    const line = learnerLine(store.getState(), state, learner);
    tr.append(nameCell, make('td', '', 'status'), make('td', '', 'time'), make('td', line.lesson));
    for (const { lesson, step } of columns) {
      const done = learner.completed[lesson.slug]?.[step.id];
      const current = learner.lesson === lesson.slug && learner.currentStep === step.id;
      const cell = make('td', done ? '✓' : current ? '•' : '', done ? 'tick done' : current ? 'tick current' : 'tick');
      cell.dataset.step = `${lesson.slug}/${step.id}`;
      cell.dataset.state = done ? 'done' : current ? 'current' : 'todo';
      cell.title = done ? t('dash.completedAt', { time: new Date(done).toLocaleTimeString(store.getState().locale) }) : current ? t('dash.currentStep') : t('dash.notDone');
      tr.append(cell);
    }
    return tr;
  }

  /** The status badge, the stuck highlight and the time on step: they change with the clock alone. */
  function renderLines(state: DashboardState): void {
    for (const learner of state.learners) {
      const tr = table.querySelector<HTMLTableRowElement>(`tr[data-learner="${CSS.escape(learner.id)}"]`);
      const badge = tr?.querySelector<HTMLElement>('.status');
      const time = tr?.querySelector<HTMLElement>('.time');
      if (!tr || !badge || !time) continue;
      const line = learnerLine(store.getState(), state, learner);
      tr.classList.toggle('stuck', line.stuck);
      badge.dataset.status = line.status;
      badge.textContent = line.label;
      time.textContent = line.onStepFor;
    }
  }

  store.subscribe((view, previous) => {
    if (!view.state) return;
    if (view.state !== previous.state) render(view.state);
    else if (view.now !== previous.now) renderLines(view.state);
  });
}
