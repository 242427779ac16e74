// The lesson runs in the learner's sandbox on the server: terminals over websockets, files through the files
// API, previews through the preview proxy (docs/api.md).
import { connectTerminalSocket } from '../terminal-socket.ts';
import { listDirectory, readFile, writeFile } from '../editor/files-api.ts';
import type { SessionRef } from '../session-api.ts';
import type { LessonRuntime } from './lesson-runtime.ts';

export function dockerRuntime(session: SessionRef): LessonRuntime {
  return {
    kind: 'docker',
    openShell: (node, events, shell) => connectTerminalSocket(session, node, events, shell ?? null),
    files: {
      list: (node, path) => listDirectory(session, node, path),
      read: (node, path) => readFile(session, node, path),
      write: async (node, path, content) => void (await writeFile(session, node, path, content)),
    },
    // The preview proxy authorises with the session token; it only ever goes to our own origin.
    previewHref: (port) => `${port.url}?token=${encodeURIComponent(session.token)}`,
  };
}
