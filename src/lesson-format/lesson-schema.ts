// What a lesson's frontmatter may say. Strict: an unknown key is an author's typo, reported with its line.
import { z } from 'zod';

export const LessonFrontmatterSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(1),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  minutes: z.number().int().min(1).max(240),
  tags: z.array(z.string().min(1)).default([]),
  images: z.array(z.string().min(1)).default([]),
  nodes: z.number().int().min(1).max(5).default(1),
  locale: z.string().default('en'),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

export interface LessonStep {
  id: string;
  title: string;
  /** 1-based line of the step's opening marker in lesson.md. */
  line: number;
  check: string;
  solution?: string;
  hints: string[];
  /** 1-based line in lesson.md where each script's first line is, for error messages. */
  scriptLines: { check?: number; solution?: number };
}

export interface Lesson {
  slug: string;
  /** Position in the course, from the folder's NN- prefix. */
  order: number;
  file: string;
  meta: LessonFrontmatter;
  steps: LessonStep[];
  /** The whole lesson body as safe HTML (no raw HTML from the author passes through). */
  html: string;
}

/** A problem in a lesson file, located for the author. */
export class LessonError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.file = file;
    this.line = line;
  }
}
