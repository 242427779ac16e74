// Renders step progress from the store: ticks in the step list and on each step, the current step, the last
// failing check output, a "Check now" button per step, and hints revealed one at a time.
import { currentStepId, type LessonState, type LessonStore } from './lesson-store.ts';
import { flashLabel } from './flash-label.ts';
import type { Translate } from './localize.ts';
import { localizeCheckOutput, type CheckMessage } from '../../shared/contracts/check-messages.ts';
import { translate } from '../../shared/i18n/ui-strings.ts';

interface StepElements {
  item: HTMLElement | null;
  section: HTMLElement | null;
  checkButton: HTMLButtonElement | null;
  output: HTMLElement | null;
  outputText: HTMLElement | null;
}

export function mountLessonView(root: HTMLElement, store: LessonStore, sendCheck: (step: string) => boolean, t: Translate): void {
  const progress = root.querySelector<HTMLElement>('[data-step-progress]');
  const broadcast = root.querySelector<HTMLElement>('[data-broadcast]');
  const elements = new Map<string, StepElements>();
  // Sentences the server itself writes as a check's output (a timeout), as templates like the lessons' own.
  const serverSentences: CheckMessage[] = [[translate('en', 'check.timedOut', { seconds: '$seconds' }), t('check.timedOut', { seconds: '$seconds' })]];
  const messages = new Map<string, readonly CheckMessage[]>(store.getState().steps.map((step) => [step.id, [...(step.messages ?? []), ...serverSentences]]));
  for (const { id, quizOnly } of store.getState().steps) {
    const section = root.querySelector<HTMLElement>(`section.step[data-step="${id}"]`);
    elements.set(id, {
      item: root.querySelector<HTMLElement>(`[data-step-item="${id}"]`),
      section,
      // A quiz-only step has no check to run: answering its quiz completes it.
      ...(section && !quizOnly ? addCheckControls(section, id, t) : { checkButton: null, output: null, outputText: null }),
    });
    if (section) revealHintsOneByOne(section, t);
  }

  root.querySelector('[data-broadcast-dismiss]')?.addEventListener('click', () => store.getState().dismissBroadcast());
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action="check"]');
    const step = button?.dataset.checkStep;
    if (!button || !step) return;
    if (sendCheck(step)) store.getState().checkRequested(step);
    else flashLabel(button, t('code.notConnected'));
  });

  const render = (state: LessonState) => {
    const current = currentStepId(state);
    for (const [id, step] of elements) {
      const done = state.completed.includes(id);
      const phase = done ? 'done' : id === current ? 'current' : 'todo';
      for (const element of [step.item, step.section]) {
        if (!element) continue;
        element.dataset.state = phase;
        element.classList.toggle('done', done);
        element.classList.toggle('current', phase === 'current');
        const label = element.querySelector('[data-step-state]');
        if (label) label.textContent = done ? t('steps.stateDone') : phase === 'current' ? t('steps.stateCurrent') : '';
      }
      if (phase === 'current') step.item?.setAttribute('aria-current', 'step');
      else step.item?.removeAttribute('aria-current');

      const check = state.checks[id];
      // A failure is news only once the learner tried the step: the automatic check of the step after the one
      // just completed fails before they have even read it.
      const failing = Boolean(check && !check.ok && !done && state.attempted.includes(id));
      if (step.output && step.outputText) {
        step.output.hidden = !failing;
        // Checks print English; the page's translation of each sentence replaces it (the rest stays as printed).
        step.outputText.textContent = failing && check ? localizeCheckOutput(check.output.trim(), messages.get(id) ?? []) || t('check.noOutput') : '';
      }
      if (step.checkButton) {
        const waiting = state.checking.includes(id);
        step.checkButton.setAttribute('aria-busy', String(waiting));
        step.checkButton.hidden = done;
        if (!step.checkButton.dataset.flashing) step.checkButton.textContent = waiting ? t('check.checking') : t('check.now');
      }
    }
    if (progress) progress.textContent = t('steps.progress', { done: state.completed.length, total: state.steps.length });
    if (broadcast) {
      broadcast.hidden = state.broadcast === null;
      const text = broadcast.querySelector('[data-broadcast-text]');
      if (text) text.textContent = state.broadcast?.message ?? '';
    }
  };
  store.subscribe(render);
  render(store.getState());
}

/** Appends the "Check now" button and the (hidden) failing-output box to a step's body. */
function addCheckControls(section: HTMLElement, id: string, t: Translate) {
  const container = document.createElement('div');
  container.className = 'step-check';

  const checkButton = document.createElement('button');
  checkButton.type = 'button';
  checkButton.className = 'check-now';
  checkButton.dataset.action = 'check';
  checkButton.dataset.checkStep = id;
  checkButton.textContent = t('check.now');

  const output = document.createElement('div');
  output.className = 'check-output';
  output.dataset.checkOutput = id;
  output.setAttribute('role', 'status');
  output.hidden = true;
  const heading = document.createElement('p');
  heading.textContent = t('check.notDone');
  const outputText = document.createElement('pre');
  output.append(heading, outputText);

  container.append(checkButton, output);
  (section.querySelector('.step-body') ?? section).append(container);
  return { checkButton, output, outputText };
}

/** A step's second hint appears once the first has been opened, and so on: help in small doses. */
function revealHintsOneByOne(section: HTMLElement, t: Translate): void {
  const hints = [...section.querySelectorAll<HTMLDetailsElement>('details.hint')];
  hints.forEach((hint, index) => {
    const next = hints[index + 1];
    if (!next) return;
    next.hidden = true;
    const summary = next.querySelector('summary');
    if (summary) summary.textContent = t('code.nextHint');
    hint.addEventListener('toggle', () => {
      if (hint.open) next.hidden = false;
    });
  });
}
