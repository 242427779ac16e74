// The markdown-it instance that renders lessons. Authors' raw HTML is never passed through and attributes are
// allow-listed (lessons may come from third parties); steps, code blocks, file blocks, quizzes, hints and
// solutions get Slipway's own markup. Code is highlighted here, at build time (highlight-code.ts).
import MarkdownIt, { type MarkdownIt as Markdown, type Token } from 'markdown-it';
import container from 'markdown-it-container';
import attributes from 'markdown-it-attrs';
import { parseFenceInfo, RUNNABLE_LANGS, type FenceInfo } from './fence-info.ts';
import { highlightCode } from './highlight-code.ts';
import { quizAnswerKey } from '../contracts/quiz-answer-key.ts';
import type { Quiz } from './lesson-schema.ts';
import { translate, type MessageKey, type MessageParams } from '../i18n/ui-strings.ts';
import type { Locale } from '../contracts/browser-state-schemas.ts';

export const STEP_MARKER = ':::';
/** The only classes `{.name}` may add (styled in src/styles/lesson.css); any other class is dropped. */
export const ALLOWED_CLASSES = new Set(['note', 'tip', 'warning', 'muted', 'small']);
const MARKDOWN_ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'style', 'start']);
/** Author ids (`{#name}`): plain names that cannot collide with Slipway's own `step-…` ids. */
const AUTHOR_ID = /^(?!step-)[a-z][a-z0-9-]{0,63}$/;

/** What parsing leaves in the markdown-it env for parse-lesson.ts. */
export interface LessonEnv {
  [key: string | symbol]: unknown;
  /** Fence modifiers that could not be read: line is 0-based within the markdown body. */
  fenceProblems?: { line: number; message: string }[];
  headingIds?: Set<string>;
}

export interface FenceMeta {
  fence?: FenceInfo;
  /** Set by parse-lesson.ts once the ```quiz YAML is validated. */
  quiz?: Quiz;
}

/** `locale` is the language of the UI text in the lesson's markup (buttons, labels); the page may re-translate it. */
export function createLessonMarkdown(locale: Locale = 'en'): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const escape = md.utils.escapeHtml;
  const text = (key: MessageKey, params?: MessageParams) => uiText(locale, key, params);
  const label = (key: MessageKey, params?: MessageParams, title?: MessageKey) => uiLabel(locale, key, params, title);
  const runLabel = (fence: FenceInfo) => uiRunLabel(locale, fence);

  // Fence modifiers are Slipway's own ({interrupt node=node2}); read them before markdown-it-attrs sees the braces.
  md.core.ruler.after('block', 'slipway_fence_info_read', (state) => {
    const env = state.env as LessonEnv;
    for (const token of state.tokens) {
      if (token.type !== 'fence') continue;
      const parsed = parseFenceInfo(token.info);
      if ('error' in parsed) {
        (env.fenceProblems ??= []).push({ line: token.map?.[0] ?? 0, message: parsed.error });
        token.meta = { fence: { lang: '', interrupt: false, noEnter: false } } satisfies FenceMeta;
      } else token.meta = { ...(token.meta as FenceMeta | null), fence: parsed } satisfies FenceMeta;
      token.info = 'error' in parsed ? '' : parsed.lang;
    }
    return true;
  });
  md.use(attributes, { allowedAttributes: ['id', 'class'] });
  md.core.ruler.after('curly_attributes', 'slipway_attribute_allow_list', (state) => {
    for (const token of state.tokens) {
      sanitizeAttributes(token);
      for (const child of token.children ?? []) sanitizeAttributes(child);
    }
    return true;
  });
  md.core.ruler.after('slipway_attribute_allow_list', 'slipway_heading_ids', (state) => {
    const env = state.env as LessonEnv;
    const used = (env.headingIds ??= new Set());
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') return;
      const id = token.attrGet('id')?.toString() ?? uniqueSlug(state.tokens[index + 1]?.content ?? '', used);
      used.add(id);
      token.attrSet('id', id);
    });
    return true;
  });

  md.renderer.rules.heading_close = (tokens, index, options, _env, self) => {
    const open = tokens[index - 2];
    const id = open?.attrGet('id')?.toString();
    const anchor = id ? `<a class="heading-anchor" href="#${escape(id)}"${label('heading.linkSection')}>#</a>` : '';
    return anchor + self.renderToken(tokens, index, options);
  };

  md.use(container, 'step', {
    validate: (params: string) => params.trim().startsWith('step'),
    render(tokens: { nesting: number; info: string }[], index: number) {
      const token = tokens[index];
      if (!token || token.nesting !== 1) return '</div></section>\n';
      const [, id = '', ...title] = token.info.trim().split(/\s+/);
      const anchor = `step-${escape(id)}`;
      return `<section class="step" id="${anchor}" data-step="${escape(id)}">` +
        `<h2 class="step-title"><span class="step-tick" aria-hidden="true"></span>${escape(title.join(' '))}` +
        `<a class="heading-anchor" href="#${anchor}"${label('heading.linkStep')}>#</a></h2>` +
        `<div class="step-body">\n`;
    },
  });

  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    if (!token) return '';
    const meta = (token.meta ?? {}) as FenceMeta;
    const fence = meta.fence ?? { lang: token.info.trim().split(/\s+/)[0] ?? '', interrupt: false, noEnter: false };
    const code = token.content;
    switch (fence.lang) {
      case 'check':
        return '';
      case 'hint':
        return `<details class="hint"><summary${text('code.hint')}</summary>${md.render(code)}</details>\n`;
      case 'solution':
        return `<details class="solution"><summary${fence.node && fence.node !== 'node1' ? text('code.solutionOnNode', { node: fence.node }) : text('code.solution')}</summary>` +
          `${codeBlock(code, { lang: 'sh', interrupt: false, noEnter: false, ...(fence.node ? { node: fence.node } : {}) })}</details>\n`;
      case 'quiz':
        return meta.quiz ? quizForm(meta.quiz) : '';
      default:
        return fence.file ? fileBlock(code, fence) : codeBlock(code, fence);
    }
  };

  function highlighted(code: string, lang: string): string {
    const text = code.replace(/\n$/, '');
    const inner = highlightCode(text, lang) ?? escape(text);
    return `<pre><code${lang ? ` class="language-${escape(lang)}"` : ''}>${inner}</code></pre>`;
  }

  function codeBlock(code: string, fence: FenceInfo): string {
    const runnable = RUNNABLE_LANGS.has(fence.lang);
    const data = runnable
      ? ' data-runnable' + (fence.interrupt ? ' data-run-interrupt' : '') + (fence.noEnter ? ' data-run-no-enter' : '') +
        (fence.node ? ` data-run-node="${escape(fence.node)}"` : '')
      : '';
    const buttons =
      (runnable ? `<button type="button" class="code-run" data-action="run"${runLabel(fence)}${text('code.run')}</button>` : '') +
      `<button type="button" class="code-copy" data-action="copy"${label('code.copyLabel')}${text('code.copy')}</button>`;
    return `<div class="code-block"${data}>${highlighted(code, fence.lang)}<div class="code-actions">${buttons}</div></div>\n`;
  }

  function fileBlock(code: string, fence: FenceInfo & { file?: string }): string {
    const file = escape(fence.file ?? '');
    const node = escape(fence.node ?? 'node1');
    return `<div class="code-block file-block" data-file="${file}" data-file-node="${node}">` +
      `<p class="file-path"><span class="file-label"${text('code.fileLabel')}</span> <code>${file}</code>` +
      (fence.node ? ` <span class="file-node"${text('code.fileNode', { node: fence.node })}</span>` : '') + '</p>' +
      highlighted(code, fence.lang) +
      '<div class="code-actions">' +
      `<button type="button" class="code-apply" data-action="apply"${label('code.applyLabel', { file: fence.file ?? '' })}${text('code.apply')}</button>` +
      `<button type="button" class="code-open" data-action="open"${label('code.openLabel', { file: fence.file ?? '' })}${text('code.open')}</button>` +
      `<button type="button" class="code-copy" data-action="copy"${label('code.copyFileLabel')}${text('code.copy')}</button>` +
      '</div></div>\n';
  }

  function quizForm(quiz: Quiz): string {
    const type = quiz.multiple ? 'checkbox' : 'radio';
    const options = quiz.options
      .map((option, i) => `<label class="quiz-option"><input type="${type}" name="${escape(quiz.id)}" value="${i + 1}"> <span>${md.renderInline(option)}</span></label>`)
      .join('');
    const explanation = quiz.explanation ? `<div class="quiz-explanation" data-quiz-explanation hidden>${md.render(quiz.explanation)}</div>` : '';
    return `<form class="quiz" data-quiz="${escape(quiz.id)}" data-answer-key="${quizAnswerKey(quiz.id, quiz.correct)}">` +
      `<fieldset><legend>${md.renderInline(quiz.question)}${quiz.multiple ? ` <span class="quiz-multiple"${text('quiz.multiple')}</span>` : ''}</legend>` +
      `${options}</fieldset>` +
      `<button type="submit" class="quiz-submit"${text('quiz.submit')}</button>` +
      '<p class="quiz-feedback" data-quiz-feedback role="status"></p>' +
      `${explanation}</form>\n`;
  }

  return md;
}

// UI text in lesson markup is rendered in the page's language and marked for src/client/localize.ts.
function i18nParams(params?: MessageParams): string {
  return params ? ` data-i18n-params="${escapeAttribute(JSON.stringify(params))}"` : '';
}

/** ` data-i18n=…>Text`: the end of an opening tag and its text. */
function uiText(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return ` data-i18n="${key}"${i18nParams(params)}>${escapeAttribute(translate(locale, key, params))}`;
}

/** An aria-label (and optionally a title) the page translates. */
function uiLabel(locale: Locale, key: MessageKey, params?: MessageParams, title?: MessageKey): string {
  const attrs = `aria-label:${key}${title ? ` title:${title}` : ''}`;
  return ` aria-label="${escapeAttribute(translate(locale, key, params))}"` +
    (title ? ` title="${escapeAttribute(translate(locale, title, params))}"` : '') +
    ` data-i18n-attr="${attrs}"${i18nParams(params)}`;
}

/** Where Run types; what its modifiers do is in the title (a tooltip, and read as the description). */
function uiRunLabel(locale: Locale, fence: FenceInfo): string {
  const other = fence.node && fence.node !== 'node1';
  const modifiers: MessageKey | undefined =
    fence.interrupt && fence.noEnter ? 'code.runInterruptNoEnter' : fence.interrupt ? 'code.runInterrupt' : fence.noEnter ? 'code.runNoEnter' : undefined;
  return uiLabel(locale, other ? 'code.runLabelNode' : 'code.runLabel', other ? { node: fence.node ?? '' } : undefined, modifiers);
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Keeps only `id` (a plain name) and allow-listed classes on an author's element; drops everything else. */
function sanitizeAttributes(token: Token): void {
  if (!token.attrs) return;
  token.attrs = token.attrs.flatMap(([name, raw]): [string, string][] => {
    const value = String(raw);
    if (name === 'id') return AUTHOR_ID.test(value) ? [[name, value]] : [];
    if (name === 'class') {
      const kept = value.split(/\s+/).filter((cls) => ALLOWED_CLASSES.has(cls));
      return kept.length > 0 ? [[name, kept.join(' ')]] : [];
    }
    // markdown-it's own attributes: links and images (validated by markdown-it), table cell alignment, list start.
    return MARKDOWN_ATTRIBUTES.has(name) ? [[name, value]] : [];
  });
}

function uniqueSlug(text: string, used: Set<string>): string {
  const base = text.toLowerCase().replace(/[^a-z0-9\p{Script=Han}\s-]/gu, '').trim().replace(/[\s-]+/g, '-').slice(0, 60) || 'section';
  const safe = /^[a-z]/.test(base) && !base.startsWith('step-') ? base : `section-${base}`;
  let candidate = safe;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${safe}-${n}`;
  return candidate;
}
