// The join page: code (prefilled from ?code=) and name, then the workshop's lessons to start.
import { JoinWorkshopResponseSchema, PageLessonTitlesSchema, withPageTitles, type JoinWorkshopResponse } from '../../shared/contracts/workshop-schemas.ts';
import { callApi, formInput, showError } from './workshop-api.ts';
import { endAllSessions } from './session-client.ts';
import { forgetJoinedWorkshop, readJoinedWorkshop, saveJoinedWorkshop } from './workshop-learner.ts';
import { mountSiteChrome } from './site-chrome.ts';
import { localePath } from '../../shared/i18n/locale-path.ts';

function start(root: HTMLElement): void {
  const { t, locale } = mountSiteChrome();
  // Lesson titles in the page's language (the API's are English); invalid data is ignored.
  const titles = PageLessonTitlesSchema.safeParse(JSON.parse(root.dataset.lessonTitles ?? '{}')).data ?? {};
  const form = root.querySelector<HTMLFormElement>('[data-join-form]');
  const error = root.querySelector<HTMLElement>('[data-form-error]');
  const joined = root.querySelector<HTMLElement>('[data-joined]');
  if (!form || !error || !joined) throw new Error('join page markup is incomplete');
  const codeInput = formInput(form, 'code');
  const nameInput = formInput(form, 'name');
  const code = new URLSearchParams(location.search).get('code');
  if (code) codeInput.value = code;

  const showJoined = (workshop: JoinWorkshopResponse) => {
    form.hidden = true;
    joined.hidden = false;
    const title = joined.querySelector('[data-joined-title]');
    const as = joined.querySelector('[data-joined-as]');
    const list = joined.querySelector('[data-joined-lessons]');
    if (title) title.textContent = workshop.workshop.title;
    if (as) as.textContent = t('workshop.joinedAs', { name: workshop.learner.name });
    list?.replaceChildren(
      ...withPageTitles(workshop.workshop.lessons, titles).map((lesson) => {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = localePath(locale, `/lessons/${encodeURIComponent(lesson.slug)}/`);
        link.textContent = lesson.title;
        item.append(link);
        return item;
      }),
    );
  };

  const saved = readJoinedWorkshop();
  if (saved && (!code || saved.workshop.code === code.toUpperCase())) showJoined(saved);
  else codeInput.focus();

  joined.querySelector('[data-leave]')?.addEventListener('click', () => {
    forgetJoinedWorkshop();
    joined.hidden = true;
    form.hidden = false;
    codeInput.focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    // A name of spaces only would come back as a schema error: say it plainly, in the learner's language.
    if (nameInput.value.trim() === '') {
      showError(error, t('workshop.nameRequired'));
      nameInput.focus();
      return;
    }
    callApi('POST', '/api/workshops/join', JoinWorkshopResponseSchema, { body: { code: codeInput.value, name: nameInput.value } }).then(
      (workshop) => {
        saveJoinedWorkshop(workshop);
        // Sessions started before joining are not the workshop's: the next lesson starts a fresh one.
        void endAllSessions();
        showJoined(workshop);
      },
      (failure: unknown) => showError(error, failure),
    );
  });
}

const root = document.querySelector<HTMLElement>('[data-workshop-join]');
if (root) start(root);
