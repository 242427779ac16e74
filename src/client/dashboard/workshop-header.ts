// The dashboard's head: the status line, the workshop's title, code, clock and warm pool, and the settings
// forms' current values (never overwritten while the instructor is typing in them). An ended workshop's
// buttons are disabled.
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n/ui-strings.ts';
import { element } from '../dom.ts';
import { formInput } from '../form-fields.ts';
import { workshopClock, type DashboardStatus, type DashboardStore } from './dashboard-store.ts';

/** The status line's data-state, which the styles and tests read (`ready` is live). */
const STATUS_STATE: Record<DashboardStatus, string> = { connecting: 'connecting', live: 'ready', reconnecting: 'reconnecting', ended: 'ended', error: 'error' };

export function mountWorkshopHeader(root: HTMLElement, store: DashboardStore): void {
  const t = (key: MessageKey, params?: MessageParams) => translate(store.getState().locale, key, params);
  const status = element(root, '[data-dashboard-status]');
  const clock = element(root, '[data-workshop-time]');
  const stuckForm = element<HTMLFormElement>(root, '[data-stuck-form]');
  const capacityForm = element<HTMLFormElement>(root, '[data-capacity-form]');
  const actions = root.querySelectorAll<HTMLButtonElement>('[data-extend], [data-end], [data-broadcast-form] button, [data-stuck-form] button, [data-capacity-form] button');

  const renderStatus = () => {
    const view = store.getState();
    status.textContent = view.message;
    status.dataset.state = STATUS_STATE[view.status];
  };
  renderStatus();

  store.subscribe((view, previous) => {
    if (view.message !== previous.message || view.status !== previous.status) renderStatus();
    const { state } = view;
    if (!state) return;
    clock.textContent = workshopClock(view, state);
    if (state === previous.state) return;
    const { workshop } = state;
    element(root, '[data-workshop-title]').textContent = workshop.title;
    element(document, '[data-dashboard-title]').textContent = t('dash.titleWith', { title: workshop.title });
    element(root, '[data-workshop-code]').textContent = workshop.code;
    element(root, '[data-workshop-pool]').textContent = t(state.pool.warming ? 'dash.poolWarming' : 'dash.pool', { ready: state.pool.ready, warming: state.pool.warming });
    if (!stuckForm.contains(document.activeElement)) {
      formInput(stuckForm, 'minutes').value = String(workshop.stuck.minutes);
      formInput(stuckForm, 'failures').value = String(workshop.stuck.failures);
    }
    if (!capacityForm.contains(document.activeElement)) formInput(capacityForm, 'capacity').value = String(workshop.capacity);
    for (const button of actions) button.disabled = workshop.endedAt !== null;
  });
}
