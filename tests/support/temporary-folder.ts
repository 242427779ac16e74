// A folder of its own in the system's temporary directory, removed when its owner ends (a test's `t.after`,
// or a file's `after` where servers must close before their data folder goes), whatever the outcome.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function temporaryFolder(owner: { after(fn: () => void): unknown }, prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  owner.after(() => rmSync(folder, { recursive: true, force: true, maxRetries: 5 }));
  return folder;
}
