// A webcontainer lesson's files: the page carries them as { "relative/path": text }, the WebContainer mounts
// them as a tree, and sandbox paths under the project folder (/root in the fallback sandbox) map to the
// WebContainer's workdir. Nothing outside the project folder is reachable.
import { PROJECT_DIR } from '../../../shared/lesson-format/lesson-schema.ts';

export interface ProjectTree {
  [name: string]: { file: { contents: string } } | { directory: ProjectTree };
}

export function projectTree(files: Record<string, string>): ProjectTree {
  const root: ProjectTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = relativeParts(path);
    const name = parts.pop();
    if (name === undefined) throw new Error(`"${path}" is not a file path in the project`);
    let folder = root;
    for (const part of parts) {
      const node = (folder[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`"${path}" is inside "${part}", which is a file`);
      folder = node.directory;
    }
    folder[name] = { file: { contents } };
  }
  return root;
}

/** `/root/src/app.js` → `/src/app.js` in the WebContainer (its paths start at the workdir). */
export function containerPath(sandboxPath: string): string {
  if (sandboxPath !== PROJECT_DIR && !sandboxPath.startsWith(`${PROJECT_DIR}/`)) {
    throw new Error(`${sandboxPath} is outside the project folder ${PROJECT_DIR}: this lesson runs in your browser and has only its project's files`);
  }
  return `/${relativeParts(sandboxPath.slice(PROJECT_DIR.length)).join('/')}`;
}

function relativeParts(path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw new Error(`"${path}" leaves the project folder`);
  return parts;
}
