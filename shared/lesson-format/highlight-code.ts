// Syntax highlighting at build time (shiki): code arrives in the browser as coloured spans, with no highlighter
// in the page's JavaScript. Both themes are emitted as CSS variables (--shiki-light / --shiki-dark); the
// stylesheet picks one from prefers-color-scheme or the site's theme (src/styles/lesson.css).
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import shellscript from '@shikijs/langs/shellscript';
import shellsession from '@shikijs/langs/shellsession';
import dockerfile from '@shikijs/langs/dockerfile';
import yaml from '@shikijs/langs/yaml';
import json from '@shikijs/langs/json';
import javascript from '@shikijs/langs/javascript';
import typescript from '@shikijs/langs/typescript';
import python from '@shikijs/langs/python';
import go from '@shikijs/langs/go';
import ini from '@shikijs/langs/ini';
import toml from '@shikijs/langs/toml';
import nginx from '@shikijs/langs/nginx';
import html from '@shikijs/langs/html';
import diff from '@shikijs/langs/diff';
import dotenv from '@shikijs/langs/dotenv';
import githubLight from '@shikijs/themes/github-light';
import githubDark from '@shikijs/themes/github-dark';

let highlighter: HighlighterCore | undefined;

function load(): HighlighterCore {
  highlighter ??= createHighlighterCoreSync({
    themes: [githubLight, githubDark],
    langs: [shellscript, shellsession, dockerfile, yaml, json, javascript, typescript, python, go, ini, toml, nginx, html, diff, dotenv],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/** The inner HTML of `<code>` for `code`: one span per token, coloured through CSS variables; undefined for a language without a grammar. */
export function highlightCode(code: string, lang: string): string | undefined {
  const shiki = load();
  if (!lang || !shiki.getLoadedLanguages().includes(lang)) return undefined;
  // No per-line time limit (shiki's default is 500 ms): on a busy build machine the first line, which also
  // compiles the grammar, can exceed it, and shiki would then leave the rest of the line uncoloured.
  const html = shiki.codeToHtml(code, { lang, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false, tokenizeTimeLimit: 0 });
  // shiki wraps the tokens in its own <pre><code>; Slipway's markup (lesson-markdown.ts) wraps them instead.
  const start = html.indexOf('<code>');
  const end = html.lastIndexOf('</code>');
  return start < 0 || end < start ? undefined : html.slice(start + '<code>'.length, end);
}
