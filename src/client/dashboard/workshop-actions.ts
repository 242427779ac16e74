// What the instructor can do from the dashboard, each one call of the workshop API (docs/api.md): extend by
// 15 minutes, end, broadcast, change the stuck rule and the capacity (a full workshop tells learners to ask
// for more room: this is where the instructor gives it), and export the results.
import { BroadcastResponseSchema, DashboardStateSchema } from '../../../shared/contracts/workshop-schemas.ts';
import { apiDownload, apiRequest } from '../api-client.ts';
import { element } from '../dom.ts';
import { flashLabel } from '../flash-label.ts';
import { formInput } from '../form-fields.ts';
import type { Translate } from '../localize.ts';
import { extendedEnd, type DashboardStore } from './dashboard-store.ts';
import { make } from './make-element.ts';

export function mountWorkshopActions(root: HTMLElement, store: DashboardStore, api: string, token: string, t: Translate): void {
  const act = (button: HTMLElement, run: () => Promise<unknown>, done: string) =>
    void run().then(() => flashLabel(button, done), (error: unknown) => store.getState().actionFailed(error instanceof Error ? error.message : String(error)));
  const update = (body: unknown) => () => apiRequest('PATCH', api, DashboardStateSchema, { body, token });
  const onSubmit = (form: HTMLFormElement, run: () => Promise<unknown>, done: string) =>
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(element(form, 'button'), run, done);
    });

  const extend = element<HTMLButtonElement>(root, '[data-extend]');
  extend.addEventListener('click', () => {
    const { state } = store.getState();
    if (state) act(extend, update({ endsAt: extendedEnd(state, Date.now()) }), t('dash.extended'));
  });

  const end = element<HTMLButtonElement>(root, '[data-end]');
  end.addEventListener('click', () => {
    if (confirm(t('dash.endConfirm'))) act(end, () => apiRequest('POST', `${api}/end`, DashboardStateSchema, { token }), t('dash.ended'));
  });

  const broadcast = element<HTMLFormElement>(root, '[data-broadcast-form]');
  onSubmit(broadcast, async () => {
    const input = formInput(broadcast, 'message');
    await apiRequest('POST', `${api}/broadcast`, BroadcastResponseSchema, { body: { message: input.value }, token });
    input.value = '';
  }, t('dash.sent'));

  const capacity = element<HTMLFormElement>(root, '[data-capacity-form]');
  onSubmit(capacity, () => update({ capacity: Number(formInput(capacity, 'capacity').value) })(), t('dash.saved'));

  const stuck = element<HTMLFormElement>(root, '[data-stuck-form]');
  onSubmit(stuck, () => update({ stuck: { minutes: Number(formInput(stuck, 'minutes').value), failures: Number(formInput(stuck, 'failures').value) } })(), t('dash.saved'));

  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-export]')) {
    const format = button.dataset.export === 'json' ? 'json' : 'csv';
    button.addEventListener('click', () => {
      act(button, async () => {
        // Column headers in the page's language (the JSON keys stay as documented).
        const blob = await apiDownload(`${api}/results.${format}?lang=${encodeURIComponent(store.getState().locale)}`, { token });
        const link = make('a');
        link.href = URL.createObjectURL(blob);
        link.download = `workshop-${store.getState().state?.workshop.code ?? 'results'}.${format}`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      }, t('dash.downloaded'));
    });
  }
}
