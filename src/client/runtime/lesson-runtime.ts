// The seam between the workspace (terminals, editor, ports, step checks) and where the lesson runs: the
// learner's Docker sandbox on the server, or a WebContainer in this tab. Both speak the terminal socket's
// contract (bytes in and out, the server's messages: checks, progress, ports), so the views do not know which.
import type { DirectoryListing, FileContent } from '../../../shared/contracts/api-schemas.ts';
import type { PreviewPort } from '../../../shared/contracts/protocol.ts';
import type { TerminalSocket, TerminalSocketEvents } from '../terminal-socket.ts';

export interface RuntimeFiles {
  list(node: string, path: string): Promise<DirectoryListing>;
  read(node: string, path: string): Promise<FileContent>;
  write(node: string, path: string, content: string): Promise<void>;
}

export interface LessonRuntime {
  readonly kind: 'docker' | 'webcontainer';
  /** A shell on `node` (`shell`: the one to resume, if it still runs), its output, state and the lesson's events going to `events`. */
  openShell(node: string, events: TerminalSocketEvents, shell?: string | null): TerminalSocket;
  files: RuntimeFiles;
  /** Where a published port is opened (a new tab). */
  previewHref(port: PreviewPort): string;
}
