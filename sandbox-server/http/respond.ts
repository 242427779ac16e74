import type { ServerResponse } from 'node:http';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(text);
}

/** `{ error }`, plus `code` and `params` when the sentence is in the UI dictionaries (docs/api.md, "Errors"). */
export function sendError(response: ServerResponse, status: number, message: string, coded?: { code?: string; params?: Record<string, string | number> }): void {
  sendJson(response, status, { error: message, ...(coded?.code ? { code: coded.code } : {}), ...(coded?.params ? { params: coded.params } : {}) });
}
