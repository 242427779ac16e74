// "Apply to file": writes a file block through the lesson runtime (the files API of the learner's sandbox,
// PUT /api/sessions/:id/file?node=&path=, docs/api.md; or the WebContainer's file system). Resolves to a
// short sentence for the learner.
import type { Translate } from './localize.ts';
import type { RuntimeFiles } from './runtime/lesson-runtime.ts';
import { ApiError } from './api-client.ts';

export interface ApplyTarget {
  node: string;
  path: string;
  content: string;
}

export async function applyFile(files: RuntimeFiles, target: ApplyTarget, t: Translate): Promise<{ ok: boolean; message: string }> {
  try {
    await files.write(target.node, target.path, target.content);
    return { ok: true, message: t('code.wrote', { path: target.path }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) return { ok: false, message: t('code.unreachable') };
    // The server's (or the WebContainer's) own sentence says what went wrong better than a status code.
    return { ok: false, message: (error as Error).message || t('code.writeFailed', { status: error instanceof ApiError ? error.status : 0 }) };
  }
}
