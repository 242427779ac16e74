// The "new workshop" form: creates the workshop, then shows the join code, join link and instructor link.
import { CreateWorkshopResponseSchema } from '../../shared/contracts/workshop-schemas.ts';
import { callApi, formInput, showError } from './workshop-api.ts';
import { flashLabel } from './flash-label.ts';
import { mountSiteChrome } from './site-chrome.ts';
import { localePath } from '../../shared/i18n/locale-path.ts';

/** A datetime-local value (local time, minutes) for `date`. */
const localInput = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function start(root: HTMLElement): void {
  const { t, locale } = mountSiteChrome();
  const form = root.querySelector<HTMLFormElement>('[data-create-form]');
  const error = root.querySelector<HTMLElement>('[data-form-error]');
  const created = root.querySelector<HTMLElement>('[data-created]');
  if (!form || !error || !created) throw new Error('new-workshop page markup is incomplete');
  const soon = new Date(Math.ceil(Date.now() / 300_000) * 300_000);
  formInput(form, 'startsAt').value = localInput(soon);
  formInput(form, 'endsAt').value = localInput(new Date(soon.getTime() + 2 * 3600_000));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const data = new FormData(form);
    const body = {
      title: String(data.get('title') ?? ''),
      lessons: data.getAll('lessons').map(String),
      capacity: Number(data.get('capacity')),
      startsAt: new Date(String(data.get('startsAt'))).toISOString(),
      endsAt: new Date(String(data.get('endsAt'))).toISOString(),
    };
    if (body.lessons.length === 0) return showError(error, t('workshopNew.pickLesson'));
    const operator = String(data.get('operator') ?? '').trim();
    callApi('POST', '/api/workshops', CreateWorkshopResponseSchema, { body, ...(operator ? { token: operator } : {}) }).then((result) => {
      // The server's paths are the English pages; hand out the ones in the instructor's language.
      const joinUrl = new URL(localePath(locale, result.joinPath), location.origin).href;
      const instructorUrl = new URL(localePath(locale, result.instructorPath), location.origin).href;
      const code = created.querySelector('[data-join-code]');
      const joinLink = created.querySelector<HTMLAnchorElement>('[data-join-link]');
      const instructorLink = created.querySelector<HTMLAnchorElement>('[data-instructor-link]');
      if (code) code.textContent = result.workshop.code;
      if (joinLink) {
        joinLink.href = joinUrl;
        joinLink.textContent = joinUrl;
      }
      if (instructorLink) instructorLink.href = instructorUrl;
      for (const button of created.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
        const text = button.dataset.copy === 'join' ? joinUrl : instructorUrl;
        button.addEventListener('click', () => {
          navigator.clipboard.writeText(text).then(() => flashLabel(button, t('code.copied')), () => flashLabel(button, t('code.copyFailed')));
        });
      }
      form.hidden = true;
      created.hidden = false;
      created.querySelector('h2')?.setAttribute('tabindex', '-1');
      created.querySelector<HTMLElement>('h2')?.focus();
    }, (failure: unknown) => showError(error, failure));
  });
}

const root = document.querySelector<HTMLElement>('[data-workshop-new]');
if (root) start(root);
