// Quizzes in the lesson text (markup from shared/lesson-format/lesson-markdown.ts): a form per quiz, answered
// with feedback in place. The answer key is a hash (shared/contracts/quiz-answer-key.ts): these are learning checks.
// Correct answers are kept per session in sessionStorage, so a reload keeps quiz-only steps done.
import { quizAnswerKey } from '../../shared/contracts/quiz-answer-key.ts';
import { QuizAnswersSchema, quizAnswersKey } from '../../shared/contracts/browser-state-schemas.ts';
import type { LessonStore } from './lesson-store.ts';
import type { Translate } from './localize.ts';

export function mountQuizzes(root: HTMLElement, store: LessonStore, t: Translate): void {
  const forms = [...root.querySelectorAll<HTMLFormElement>('form.quiz[data-quiz]')];
  for (const form of forms) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const id = form.dataset.quiz ?? '';
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => Number(input.value));
      const feedback = form.querySelector<HTMLElement>('[data-quiz-feedback]');
      if (chosen.length === 0) {
        if (feedback) feedback.textContent = t('quiz.chooseFirst');
        return;
      }
      const correct = quizAnswerKey(id, chosen) === form.dataset.answerKey;
      if (correct) store.getState().quizAnswered(id);
      else show(form, false, t);
    });
  }

  const render = () => {
    const { answered } = store.getState();
    for (const form of forms) if (answered.includes(form.dataset.quiz ?? '')) show(form, true, t);
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
      const parsed = QuizAnswersSchema.safeParse(JSON.parse(sessionStorage.getItem(quizAnswersKey(sessionId)) ?? '[]'));
      if (parsed.success) for (const id of parsed.data) store.getState().quizAnswered(id);
    } catch (error) {
      console.warn('[slipway] ignoring unreadable saved quiz answers:', error);
    }
  }
}

function show(form: HTMLFormElement, correct: boolean, t: Translate): void {
  const feedback = form.querySelector<HTMLElement>('[data-quiz-feedback]');
  const explanation = form.querySelector<HTMLElement>('[data-quiz-explanation]');
  form.dataset.result = correct ? 'correct' : 'wrong';
  if (feedback) feedback.textContent = correct ? t('quiz.correct') : t('quiz.wrong');
  if (explanation) explanation.hidden = !correct;
}

function save(sessionId: string, answered: string[]): void {
  try {
    sessionStorage.setItem(quizAnswersKey(sessionId), JSON.stringify(answered));
  } catch {
    // Storage may be disabled: answers then last until the page is reloaded.
  }
}
