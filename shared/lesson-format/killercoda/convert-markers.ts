// Killercoda/Katacoda markdown → Slipway markdown. Their action markers become Slipway code blocks:
//   `cmd`{{exec}} / {{execute}}                 → ```sh block (Run + Copy), a solution command
//   ```…```{{exec}} (marker on the closing fence, as Killercoda writes it, or on the opening one)
//   {{exec interrupt}}                          → ```sh {interrupt} (Ctrl-C first)
//   {{exec HOST2}} / {{execute "HOST2"}}        → ```sh {node=node2}
//   `text`{{copy}}, ```…```{{copy}}             → a plain block (Copy)
//   `text`{{}}                                  → inline code (Killercoda's "no copy")
//   <details><summary>S</summary>…</details>    → a hint in a step (its commands still count), a titled
//                                                  paragraph in the intro and finish; <br> lines are dropped
// Markers Slipway cannot honour (terminal tabs, {{open}}, {{TRAFFIC_…}}) are reported, not dropped.
export interface Command {
  code: string;
  /** 1 = the learner's main sandbox (host01), 2 = node2 (host02)… */
  node: number;
}

export interface ConvertedText {
  markdown: string;
  /** The commands the learner is asked to run, in order: a step's generated solution. */
  commands: Command[];
  unsupported: string[];
}

/** How `<details>` is rendered: as a Slipway hint (inside a step) or as a titled paragraph (intro, finish). */
export type DetailsAs = 'hint' | 'prose';

const MARKER = /\{\{\s*(exec|execute|copy)((?:\s+"?[\w-]+"?)*)\s*\}\}/;
const INLINE = new RegExp('`([^`\\n]+)`' + MARKER.source, 'g');
const NO_COPY = /`([^`\n]+)`\{\{\s*\}\}/g;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const DETAILS_OPEN = /^\s*<details[^>]*>\s*(?:<summary[^>]*>(.*?)<\/summary>)?\s*$/i;
const SUMMARY = /^\s*<summary[^>]*>(.*?)<\/summary>\s*$/i;
const DETAILS_CLOSE = /^\s*<\/details>\s*$/i;
const BREAK = /^\s*(<br\s*\/?>\s*)+$/i;

interface Details {
  summary: string;
  lines: string[];
}

export function convertMarkers(text: string, where: string, detailsAs: DetailsAs = 'hint'): ConvertedText {
  const commands: Command[] = [];
  const unsupported: string[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const root: Details = { summary: '', lines: [] };
  const open: Details[] = [root];
  const emit = (...out: string[]) => open[open.length - 1]?.lines.push(...out);

  const block = (code: string, action: string, options: string, lang: string): string => {
    const flags = options.trim().split(/\s+/).filter(Boolean).map((flag) => flag.replace(/"/g, ''));
    const interrupt = flags.some((flag) => flag.toLowerCase() === 'interrupt');
    let node = 1;
    for (const flag of flags.filter((candidate) => candidate.toLowerCase() !== 'interrupt')) {
      const host = /^host0?(\d)$/i.exec(flag);
      if (host) node = Number(host[1]);
      else unsupported.push(`${where}: marker option "${flag}" on {{${action}}} (terminal tabs are not supported; the command runs in the node's one terminal)`);
    }
    if (action === 'copy') return `\`\`\`${lang || 'text'}\n${code}\n\`\`\``;
    commands.push({ code, node });
    const modifiers = [interrupt ? 'interrupt' : '', node > 1 ? `node=node${node}` : ''].filter(Boolean).join(' ');
    return `\`\`\`sh${modifiers ? ` {${modifiers}}` : ''}\n${code}\n\`\`\``;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const [, ticks = '```', info = ''] = fence;
      let end = index + 1;
      while (end < lines.length && !isClosingFence(lines[end] ?? '', ticks)) end += 1;
      const opening = takeMarker(info);
      const closing = takeMarker((lines[end] ?? '').trim().slice(ticks.length).replace(/^[`~]*/, ''));
      const marker = opening.marker ?? closing.marker;
      const code = lines.slice(index + 1, end).join('\n');
      const lang = opening.rest.trim();
      emit('', marker ? block(code, marker.action, marker.options, lang) : `\`\`\`${lang}\n${code}\n\`\`\``, '');
      index = end;
      continue;
    }
    const details = DETAILS_OPEN.exec(line);
    if (details) {
      let summary = details[1];
      if (summary === undefined) {
        const next = lines.slice(index + 1).findIndex((candidate) => candidate.trim() !== '');
        const summaryLine = next >= 0 ? SUMMARY.exec(lines[index + 1 + next] ?? '') : null;
        if (summaryLine) {
          summary = summaryLine[1];
          index += 1 + next;
        }
      }
      open.push({ summary: stripTags(summary ?? ''), lines: [] });
      continue;
    }
    if (DETAILS_CLOSE.test(line) && open.length > 1) {
      const closed = open.pop() as Details;
      emit('', ...wrapDetails(closed, detailsAs), '');
      continue;
    }
    if (BREAK.test(line)) {
      emit('');
      continue;
    }
    emit(...inlineMarkers(line.replace(NO_COPY, '`$1`'), block));
  }
  while (open.length > 1) {
    const unclosed = open.pop() as Details;
    emit('', ...wrapDetails(unclosed, detailsAs), '');
  }

  const markdown = root.lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '');
  // Code is the learner's to read ({{.State.Running}} is a Go template there): only prose can hold markers and HTML.
  const prose = markdown.replace(/(`{3,}|~{3,})[\s\S]*?\n\s*\1|`[^`\n]*`/g, '');
  for (const [marker] of prose.matchAll(/\{\{[^}]*\}\}/g)) unsupported.push(`${where}: marker ${marker} is not supported and is shown as text`);
  if (/<\/?[a-z][^>]*>/i.test(prose)) {
    unsupported.push(`${where}: raw HTML is not rendered (lessons may come from third parties): it is shown as text`);
  }
  return { markdown, commands, unsupported };
}

/** A closing fence: at least as many of the same fence characters, then nothing but an optional marker. */
function isClosingFence(line: string, ticks: string): boolean {
  const trimmed = line.trim();
  const run = /^([`~]+)(.*)$/.exec(trimmed);
  if (!run || run[1]?.[0] !== ticks[0] || (run[1]?.length ?? 0) < ticks.length) return false;
  const rest = (run[2] ?? '').trim();
  return rest === '' || takeMarker(rest).rest.trim() === '';
}

function takeMarker(text: string): { marker?: { action: string; options: string }; rest: string } {
  const match = MARKER.exec(text);
  if (!match) return { rest: text };
  return { marker: { action: match[1] ?? 'exec', options: match[2] ?? '' }, rest: text.replace(match[0], '') };
}

type Block = (code: string, action: string, options: string, lang: string) => string;

/** Inline markers: alone on a line the block replaces it; inside a sentence the sentence stays and the block follows. */
function inlineMarkers(line: string, block: Block): string[] {
  const blocks: string[] = [];
  const prose = line.replace(INLINE, (_all, code: string, action: string, options: string) => {
    blocks.push(block(code, action, options, ''));
    return `\`${code}\``;
  });
  if (blocks.length === 0) return [line];
  const alone = prose.replace(/^\s*([-*+]|\d+\.)?\s*/, '').replace(/`[^`]*`/g, '').trim() === '';
  return alone ? ['', ...blocks, ''] : [prose, '', ...blocks, ''];
}

function wrapDetails(details: Details, as: DetailsAs): string[] {
  const body = details.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  const title = details.summary ? `**${details.summary}**` : '';
  if (as === 'prose') return title ? [title, '', body] : [body];
  // A hint holds markdown that may hold fences itself: its own fence is longer than any inside.
  const longest = Math.max(3, ...[...body.matchAll(/^\s*(`{3,})/gm)].map((match) => match[1]?.length ?? 0));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}hint`, ...(title ? [title, ''] : []), body, fence];
}

const stripTags = (text: string) => text.replace(/<[^>]*>/g, '').trim();
