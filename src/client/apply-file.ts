// "Apply to file": writes a file block into the learner's sandbox through the files API
// (PUT /api/sessions/:id/file?node=&path=, docs/api.md). Resolves to a short sentence for the learner.
import { ApiErrorSchema } from '../shared/api-schemas.ts';

export interface ApplyTarget {
  node: string;
  path: string;
  content: string;
}

export async function applyFile(session: { id: string; token: string }, target: ApplyTarget): Promise<{ ok: boolean; message: string }> {
  const query = new URLSearchParams({ node: target.node, path: target.path });
  let response: Response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(session.id)}/file?${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ content: target.content }),
    });
  } catch {
    return { ok: false, message: 'Could not reach the Slipway server.' };
  }
  if (response.ok) return { ok: true, message: `Wrote ${target.path}.` };
  const error = ApiErrorSchema.safeParse(await response.json().catch(() => null));
  return { ok: false, message: error.success ? error.data.error : `The server could not write the file (HTTP ${response.status}).` };
}
