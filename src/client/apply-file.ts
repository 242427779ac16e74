// "Apply to file": writes a file block into the learner's sandbox through the files API
// (PUT /api/sessions/:id/file?node=&path=, docs/api.md). Resolves to a short sentence for the learner.
import { ApiErrorSchema } from '../shared/api-schemas.ts';
import type { Translate } from './localize.ts';

export interface ApplyTarget {
  node: string;
  path: string;
  content: string;
}

export async function applyFile(session: { id: string; token: string }, target: ApplyTarget, t: Translate): Promise<{ ok: boolean; message: string }> {
  const query = new URLSearchParams({ node: target.node, path: target.path });
  let response: Response;
  try {
    response = await fetch(`/api/sessions/${encodeURIComponent(session.id)}/file?${query}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ content: target.content }),
    });
  } catch {
    return { ok: false, message: t('code.unreachable') };
  }
  if (response.ok) return { ok: true, message: t('code.wrote', { path: target.path }) };
  const error = ApiErrorSchema.safeParse(await response.json().catch(() => null));
  return { ok: false, message: error.success ? error.data.error : t('code.writeFailed', { status: response.status }) };
}
