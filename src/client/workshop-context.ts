// For a learner who joined a workshop, the lesson page says so: the workshop's name, its lessons (this one
// marked) and the way back to the workshop page. Nothing shows on lessons outside the workshop.
import { readJoinedWorkshop } from './workshop-learner.ts';
import type { Translate } from './localize.ts';
import { localePath, splitLocalePath } from '../../shared/i18n/locale-path.ts';

export function mountWorkshopContext(host: HTMLElement, lesson: string, t: Translate): void {
  const joined = readJoinedWorkshop();
  if (!joined || !joined.workshop.lessons.some((candidate) => candidate.slug === lesson)) return;
  const heading = document.createElement('p');
  heading.className = 'workshop-context-title';
  heading.textContent = t('workshopContext.title', { title: joined.workshop.title, name: joined.learner.name });
  // Links stay in the language the learner reads this page in.
  const { locale } = splitLocalePath(location.pathname);
  const list = document.createElement('ol');
  for (const { slug, title } of joined.workshop.lessons) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = localePath(locale, `/lessons/${slug}/`);
    link.textContent = title;
    if (slug === lesson) link.setAttribute('aria-current', 'page');
    item.append(link);
    list.append(item);
  }
  const back = document.createElement('a');
  back.href = localePath(locale, `/workshops/join/?code=${encodeURIComponent(joined.workshop.code)}`);
  back.textContent = t('workshopContext.back');
  host.replaceChildren(heading, list, back);
  host.hidden = false;
}
