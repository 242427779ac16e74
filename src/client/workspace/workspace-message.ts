// A one-line message in the workspace for a failed action (Extend, Reset, nodes), gone after a while.
const SHOW_MS = 8000;

export function workspaceReporter(line: HTMLElement): (text: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    clearTimeout(timer);
    line.textContent = text;
    line.hidden = false;
    timer = setTimeout(() => (line.hidden = true), SHOW_MS);
  };
}
