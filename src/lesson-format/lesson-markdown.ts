// The markdown-it instance that renders lessons. Authors' raw HTML is never passed through (lessons may come
// from third parties); steps, runnable code blocks, hints and solutions get Slipway's own markup.
import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';
import container from 'markdown-it-container';

export const STEP_MARKER = ':::';
const RUNNABLE = new Set(['sh', 'bash', 'shell', 'console']);

export function createLessonMarkdown(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  const escape = md.utils.escapeHtml;

  md.use(container, 'step', {
    validate: (params: string) => params.trim().startsWith('step'),
    render(tokens: { nesting: number; info: string }[], index: number) {
      const token = tokens[index];
      if (!token || token.nesting !== 1) return '</div></section>\n';
      const [, id = '', ...title] = token.info.trim().split(/\s+/);
      return `<section class="step" id="step-${escape(id)}" data-step="${escape(id)}">` +
        `<h2 class="step-title"><span class="step-tick" aria-hidden="true"></span>${escape(title.join(' '))}</h2>` +
        `<div class="step-body">\n`;
    },
  });

  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    if (!token) return '';
    const lang = token.info.trim().split(/\s+/)[0] ?? '';
    const code = token.content;
    if (lang === 'check') return '';
    if (lang === 'hint') {
      return `<details class="hint"><summary data-i18n="code.hint">Hint</summary>${md.render(code)}</details>\n`;
    }
    if (lang === 'solution') {
      return `<details class="solution"><summary data-i18n="code.solution">Show solution</summary>${codeBlock(code, 'sh', true)}</details>\n`;
    }
    return codeBlock(code, lang, RUNNABLE.has(lang));
  };

  function codeBlock(code: string, lang: string, runnable: boolean): string {
    const text = code.replace(/\n$/, '');
    const buttons =
      (runnable ? '<button type="button" class="code-run" data-action="run" data-i18n="code.run">Run</button>' : '') +
      '<button type="button" class="code-copy" data-action="copy" data-i18n="code.copy">Copy</button>';
    return `<div class="code-block"${runnable ? ' data-runnable' : ''}>` +
      `<pre><code${lang ? ` class="language-${escape(lang)}"` : ''}>${escape(text)}</code></pre>` +
      `<div class="code-actions">${buttons}</div></div>\n`;
  }

  return md;
}
