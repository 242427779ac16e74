// The catalog's island, loaded once the page is idle (the page is complete without it): the learner's
// progress from localStorage, "Continue where you left off", the
// export/import dialog, the theme toggle and the language switch.
import { mountSiteChrome } from '../site-chrome.ts';
import { loadProgress, lastUnfinished, type ProgressBook } from '../storage/progress-storage.ts';
import { memoryStorage } from '../storage/browser-storage.ts';
import { mountProgressDialog } from './progress-dialog.ts';
import type { Translate } from '../localize.ts';
import { localePath } from '../../../shared/i18n/locale-path.ts';

const chrome = mountSiteChrome();
const storage = chrome.storage ?? memoryStorage();
const cards = [...document.querySelectorAll<HTMLElement>('.lesson-card')];

function render(): void {
  const { lessons, dropped } = loadProgress(storage);
  if (dropped > 0) chrome.notify(chrome.t('notice.progressDropped', { count: dropped }));
  for (const card of cards) renderCard(card, lessons, chrome.t);
  renderContinue(cards, lessons, chrome.t);
}

render();
mountProgressDialog(storage, chrome.t, render);

function renderCard(card: HTMLElement, lessons: ProgressBook, t: Translate): void {
  const entry = lessons[card.dataset.lessonSlug ?? ''];
  const total = Number(card.dataset.stepsTotal ?? 0);
  const box = card.querySelector<HTMLElement>('[data-card-progress]');
  const bar = box?.querySelector('progress');
  const text = box?.querySelector<HTMLElement>('[data-card-progress-text]');
  if (!box || !bar || !text) return;
  const done = entry ? Math.min(entry.completed.length, total) : 0;
  const state = !entry ? 'not-started' : entry.finishedAt !== undefined ? 'finished' : 'in-progress';
  card.dataset.state = state;
  box.dataset.filled = 'true';
  bar.value = state === 'finished' ? total : done;
  bar.max = total;
  text.textContent = state === 'not-started' ? t('catalog.notStarted') : state === 'finished' ? t('catalog.finished') : t('catalog.inProgress', { done, total });
}

function renderContinue(shown: HTMLElement[], lessons: ProgressBook, t: Translate): void {
  const link = document.querySelector<HTMLAnchorElement>('[data-continue]');
  const label = link?.querySelector<HTMLElement>('[data-continue-label]');
  const title = link?.querySelector<HTMLElement>('[data-continue-title]');
  if (!link || !label || !title) return;
  const slugs = shown.map((card) => card.dataset.lessonSlug ?? '');
  const started = slugs.some((slug) => lessons[slug]);
  // The unfinished lesson touched last, else the first lesson not yet finished on the path.
  const target = lastUnfinished(lessons, slugs) ?? slugs.find((slug) => lessons[slug]?.finishedAt === undefined) ?? null;
  if (!started || !target) return;
  const card = shown.find((entry) => entry.dataset.lessonSlug === target);
  link.href = localePath(chrome.locale, `/lessons/${target}/`);
  label.textContent = t('catalog.continue');
  title.textContent = card?.querySelector('h2')?.textContent ?? '';
}
