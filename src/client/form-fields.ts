// Small helpers for the workshop pages' forms.

export function formInput(form: HTMLFormElement, name: string): HTMLInputElement {
  const input = form.elements.namedItem(name);
  if (!(input instanceof HTMLInputElement)) throw new Error(`the form is missing its "${name}" input`);
  return input;
}

/** Shows a failure's sentence (an ApiError's is already in the page's language) in the form's error line. */
export function showError(element: HTMLElement, error: unknown): void {
  element.hidden = false;
  element.textContent = error instanceof Error ? error.message : String(error);
}
