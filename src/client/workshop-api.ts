// Calls to the workshop API from the browser: JSON in, validated JSON out, and the server's one-sentence
// error, in the page's language, as the thrown message.
import type { z } from 'zod';
import { apiErrorText, pageTranslator } from './api-error-text.ts';

export async function callApi<T>(method: string, url: string, schema: z.ZodType<T>, options: { body?: unknown; token?: string } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new Error(pageTranslator()('error.unreachable'));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(apiErrorText(body, response.status));
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(pageTranslator()('error.unexpected'));
  return parsed.data;
}

export function showError(element: HTMLElement, error: unknown): void {
  element.hidden = false;
  element.textContent = error instanceof Error ? error.message : String(error);
}

export function formInput(form: HTMLFormElement, name: string): HTMLInputElement {
  const input = form.elements.namedItem(name);
  if (!(input instanceof HTMLInputElement)) throw new Error(`the form is missing its "${name}" input`);
  return input;
}
