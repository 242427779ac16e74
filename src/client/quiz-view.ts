// Quizzes in the lesson text (markup from src/lesson-format/lesson-markdown.ts): a form per quiz, answered
// with feedback in place. The answer key is a hash (src/shared/quiz-answer-key.ts): these are learning checks.
// Correct answers are kept per session in sessionStorage, so a reload keeps quiz-only steps done.
import { z } from 'zod';
import { quizAnswerKey } from '../shared/quiz-answer-key.ts';
import type { LessonStore } from './lesson-store.ts';

const storageKey = (sessionId: string) => `slipway.quizzes.${sessionId}`;
const StoredAnswersSchema = z.array(z.string());

export function mountQuizzes(root: HTMLElement, store: LessonStore): void {
  const forms = [...root.querySelectorAll<HTMLFormElement>('form.quiz[data-quiz]')];
  for (const form of forms) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const id = form.dataset.quiz ?? '';
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => Number(input.value));
      const feedback = form.querySelector<HTMLElement>('[data-quiz-feedback]');
      if (chosen.length === 0) {
        if (feedback) feedback.textContent = 'Choose an answer first.';
        return;
      }
      const correct = quizAnswerKey(id, chosen) === form.dataset.answerKey;
      if (correct) store.getState().quizAnswered(id);
      else show(form, false);
    });
  }

  const render = () => {
    const { answered } = store.getState();
    for (const form of forms) if (answered.includes(form.dataset.quiz ?? '')) show(form, true);
  };
  store.subscribe((state, previous) => {
    if (state.answered !== previous.answered) {
      render();
      if (state.session) save(state.session.id, state.answered);
    }
    if (state.session && state.session.id !== previous.session?.id) restore(state.session.id);
  });

  function restore(sessionId: string): void {
    try {
      const parsed = StoredAnswersSchema.safeParse(JSON.parse(sessionStorage.getItem(storageKey(sessionId)) ?? '[]'));
      if (parsed.success) for (const id of parsed.data) store.getState().quizAnswered(id);
    } catch (error) {
      console.warn('[slipway] ignoring unreadable saved quiz answers:', error);
    }
  }
}

function show(form: HTMLFormElement, correct: boolean): void {
  const feedback = form.querySelector<HTMLElement>('[data-quiz-feedback]');
  const explanation = form.querySelector<HTMLElement>('[data-quiz-explanation]');
  form.dataset.result = correct ? 'correct' : 'wrong';
  if (feedback) feedback.textContent = correct ? 'Correct.' : 'Not quite: have another look and try again.';
  if (explanation) explanation.hidden = !correct;
}

function save(sessionId: string, answered: string[]): void {
  try {
    sessionStorage.setItem(storageKey(sessionId), JSON.stringify(answered));
  } catch {
    // Storage may be disabled: answers then last until the page is reloaded.
  }
}
