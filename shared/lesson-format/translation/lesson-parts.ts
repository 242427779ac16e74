// Splits a lesson file (English or a translation) into the parts a translation mirrors: the introduction,
// each step and the summary, each with its fenced blocks and line numbers. Line-based and fence-aware, so
// parity problems are reported at the line where they are.
import { createHash } from 'node:crypto';

const FRONTMATTER_FENCE = /^---\s*$/;
const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const STEP_OPEN = /^:::\s*step\s+(\S+)\s*(.*)$/;
const STEP_CLOSE = /^:::\s*$/;

export interface SourceLine {
  /** 1-based line in the file. */
  line: number;
  text: string;
}

export interface Fence {
  /** The whole info string (`sh {interrupt}`, `dockerfile file=/root/app/Dockerfile`). */
  info: string;
  /** Its first word: sh, check, quiz, messages… */
  lang: string;
  /** The block's lines, without the fence's indentation. */
  content: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The block as written, fences included (for copying it into another file). */
  raw: SourceLine[];
}

export interface Part {
  /** `_intro`, `_summary` or the step id. */
  key: string;
  /** A step's title. */
  title: string;
  /** 1-based line where the part starts (a step: its `::: step` line). */
  line: number;
  /** The part's lines inside it (a step's: between its markers). */
  lines: SourceLine[];
  fences: Fence[];
}

export interface LessonParts {
  /** The frontmatter's YAML and the line of its first line. */
  frontmatter: { yaml: string; line: number };
  intro: Part;
  steps: Part[];
  summary: Part;
}

export const INTRO = '_intro';
export const SUMMARY = '_summary';
/** Title and summary of the frontmatter, stamped together. */
export const META = '_meta';

export function splitLessonParts(text: string): LessonParts {
  const all = text.split(/\r?\n/);
  let bodyStart = 0;
  let frontmatter = { yaml: '', line: 2 };
  if (FRONTMATTER_FENCE.test(all[0] ?? '')) {
    const end = all.findIndex((line, index) => index > 0 && FRONTMATTER_FENCE.test(line));
    if (end > 0) {
      frontmatter = { yaml: all.slice(1, end).join('\n'), line: 2 };
      bodyStart = end + 1;
    }
  }
  const intro: Part = { key: INTRO, title: '', line: bodyStart + 1, lines: [], fences: [] };
  const steps: Part[] = [];
  let summary: Part | undefined;
  let current = intro;
  let inStep = false;
  let fence: { marker: string; indent: number; fence: Fence } | undefined;
  for (let index = bodyStart; index < all.length; index += 1) {
    const text = all[index] ?? '';
    const line = index + 1;
    if (fence) {
      fence.fence.raw.push({ line, text });
      const closing = text.trim();
      if (closing.startsWith(fence.marker) && /^(`+|~+)$/.test(closing) && closing[0] === fence.marker[0]) fence = undefined;
      else fence.fence.content += `${text.slice(Math.min(fence.indent, text.length - text.trimStart().length))}\n`;
      current.lines.push({ line, text });
      continue;
    }
    const open = FENCE_OPEN.exec(text);
    if (open) {
      const info = (open[3] ?? '').trim();
      const entry: Fence = { info, lang: /^[^\s{]*/.exec(info)?.[0] ?? '', content: '', line, raw: [{ line, text }] };
      current.fences.push(entry);
      current.lines.push({ line, text });
      fence = { marker: open[2] ?? '```', indent: open[1]?.length ?? 0, fence: entry };
      continue;
    }
    const stepOpen = STEP_OPEN.exec(text);
    if (stepOpen && !inStep) {
      current = { key: stepOpen[1] ?? '', title: (stepOpen[2] ?? '').trim(), line, lines: [], fences: [] };
      steps.push(current);
      inStep = true;
      continue;
    }
    if (STEP_CLOSE.test(text) && inStep) {
      inStep = false;
      summary = current = { key: SUMMARY, title: '', line: line + 1, lines: [], fences: [] };
      continue;
    }
    current.lines.push({ line, text });
  }
  // Text between two steps belongs to no step: it is kept with the summary only after the last one.
  summary ??= { key: SUMMARY, title: '', line: all.length + 1, lines: [], fences: [] };
  return { frontmatter, intro, steps, summary: steps.length > 0 ? summary : { ...summary, lines: [] } };
}

/** The text a part's stamp is computed from: its title and lines, blank lines at either end ignored. */
export function partText(part: Part): string {
  return `${part.title}\n${part.lines.map(({ text }) => text).join('\n').trim()}`;
}

export const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);
