// The renderer on its own, and above all on hostile input: lessons may come from third parties, so no
// markdown may produce a script, an event handler attribute or a javascript: URL.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson } from './parse-lesson.ts';

const FRONTMATTER = '---\ntitle: T\nsummary: S\nlevel: beginner\nminutes: 5\nnodes: 2\n---\n';
const STEP = '::: step a A step\nText.\n\n```check\ntrue\n```\n:::\n';
const render = (body: string) => parseLesson({ slug: 'x', order: 1, file: 'x/lesson.md', text: `${FRONTMATTER}\n${body}\n\n${STEP}` }).html;

/** Every start tag's attribute names in the html. */
const attributeNames = (html: string) =>
  [...html.matchAll(/<[a-z][a-z0-9]*\s([^>]*)>/gi)].flatMap(([, attrs = '']) => [...attrs.matchAll(/([^\s=]+)(?:="[^"]*")?/g)].map((m) => (m[1] ?? '').toLowerCase()));
const SLIPWAY_ATTRIBUTES = new Set([
  'class', 'id', 'href', 'src', 'alt', 'title', 'style', 'type', 'name', 'value', 'role', 'hidden', 'open', 'start',
  'aria-hidden', 'aria-label', 'data-step', 'data-action', 'data-runnable', 'data-run-interrupt', 'data-run-no-enter', 'data-run-node',
  'data-file', 'data-file-node', 'data-quiz', 'data-answer-key', 'data-quiz-feedback', 'data-quiz-explanation',
  // Slipway's UI text, translated in the browser (src/client/localize.ts); authors cannot set data-* attributes.
  'data-i18n', 'data-i18n-attr', 'data-i18n-params',
]);

function assertSafe(html: string): void {
  assert.doesNotMatch(html, /<script|<iframe|<object|<embed|<svg|<math|<style|<img[^>]*onerror/i, html);
  assert.doesNotMatch(html, /(href|src)\s*=\s*"\s*(javascript|vbscript|data:text\/html)/i, html);
  const unexpected = attributeNames(html).filter((name) => !SLIPWAY_ATTRIBUTES.has(name));
  assert.deepEqual(unexpected, [], `attributes outside the allow-list in: ${html}`);
  assert.ok(!attributeNames(html).some((name) => name.startsWith('on')), html);
}

describe('hostile markdown renders inert', () => {
  const attacks: Record<string, string> = {
    'raw script': '<script>alert(1)</script>',
    'raw img onerror': '<img src=x onerror="alert(1)">',
    'inline html': 'Hi <b onclick="x()">there</b> <a href="javascript:alert(1)">x</a>',
    'javascript: links': '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](  javascript:alert(1)) <javascript:alert(1)> [d](vbscript:x) [e](data:text/html;base64,PHNjcmlwdD4=)',
    'entity-encoded javascript:': '[a](&#106;avascript:alert(1)) [b](java&#x09;script:alert(1))',
    'image with javascript: src': '![x](javascript:alert(1))',
    'attrs plugin: event handlers': 'Paragraph {onclick=alert(1)}\n\n![x](y.png){onerror=alert(1)}\n\n[l](https://x.test){onmouseover="alert(1)" .note}',
    'attrs plugin: style and href': 'Para {style="background:url(javascript:alert(1))"}\n\n[l](https://x.test){href=javascript:alert(1)}',
    'attrs plugin: quoting tricks': 'Para {id="x\\" onclick=\\"alert(1)"}\n\nPara {.note" onclick="alert(1)}\n\nPara {#step-a}',
    'heading attrs': '## Title {onclick=alert(1) #ok-id .warning .evil}',
    'fenced code with html': '```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```',
    'fence language with html': '```"><script>alert(1)</script>\nx\n```',
    'quiz with html': '::: step q Quiz\n```quiz\nquestion: "<script>alert(1)</script> [x](javascript:alert(1))"\noptions: ["<img src=x onerror=alert(1)>", "b"]\nanswer: 1\nexplanation: "<svg onload=alert(1)>"\n```\n:::',
    'file path with quotes': '::: step f File\n```sh file=/root/a"><img/src=x/onerror=alert(1)>\nx\n```\n\n```check\ntrue\n```\n:::',
    'hint with html': '::: step h Hint\n```hint\n<script>alert(1)</script> [x](javascript:alert(1)) {onclick=alert(1)}\n```\n\n```check\ntrue\n```\n:::',
    'autolink': 'www.example.com/<script>alert(1)</script> and https://x.test/"onmouseover="alert(1)',
  };
  for (const [name, markdown] of Object.entries(attacks)) {
    test(name, () => {
      let html: string;
      try {
        html = render(markdown);
      } catch (error) {
        // A lesson the parser refuses never reaches a page: that is safe too, but say which.
        assert.match((error as Error).message, /x\/lesson\.md:\d+: /);
        return;
      }
      assertSafe(html);
    });
  }

  test('allowed attributes survive: an id and allow-listed classes only', () => {
    const html = render('A tip. {.tip .evil #my-tip}\n\n## Heading {#custom}');
    assert.match(html, /<p class="tip" id="my-tip">A tip.<\/p>|<p id="my-tip" class="tip">A tip.<\/p>/);
    assert.match(html, /<h2 id="custom">Heading<a class="heading-anchor" href="#custom"/);
    assert.doesNotMatch(html, /evil/);
  });
});

describe('rendering', () => {
  test('code is highlighted at build time with both themes as CSS variables, and stays escaped', () => {
    const html = render('```sh\ndocker run busybox echo "<hi>"\n```');
    assert.match(html, /<pre><code class="language-sh"><span class="line"><span style="--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">docker<\/span>/);
    assert.ok(html.includes('&#x3C;hi>') || html.includes('&lt;hi&gt;'), html);
  });

  test('an unknown language is plain escaped text', () => {
    const html = render('```klingon\n<b>qapla</b>\n```');
    assert.ok(html.includes('<pre><code class="language-klingon">&lt;b&gt;qapla&lt;/b&gt;</code></pre>'), html);
  });

  test('headings get unique ids and a link to themselves; step titles link to the step', () => {
    const html = render('## Why it matters\n\n## Why it matters\n\n### 3 things!');
    assert.ok(html.includes('<h2 id="why-it-matters">Why it matters<a class="heading-anchor" href="#why-it-matters" aria-label="Link to this section" data-i18n-attr="aria-label:heading.linkSection">#</a></h2>'), html);
    assert.ok(html.includes('<h2 id="why-it-matters-2">'), html);
    assert.ok(html.includes('<h3 id="section-3-things">'), html);
    assert.ok(html.includes('<a class="heading-anchor" href="#step-a" aria-label="Link to this step" data-i18n-attr="aria-label:heading.linkStep">#</a>'), html);
  });

  test('Run modifiers become data attributes, a label naming the node and a title saying what Run does', () => {
    const html = render('```sh {interrupt node=node2 no-enter}\ndocker logs -f web\n```');
    assert.ok(html.includes('<div class="code-block" data-runnable data-run-interrupt data-run-no-enter data-run-node="node2">'), html);
    assert.ok(html.includes(`aria-label="Run in node2's terminal" title="Stops the running command first (Ctrl-C), then types the code without pressing Enter"`), html);
    assert.ok(html.includes('data-i18n-attr="aria-label:code.runLabelNode title:code.runInterruptNoEnter" data-i18n-params="{&quot;node&quot;:&quot;node2&quot;}"'), html);
  });

  test("a solution's node carries into its Run button and its summary", () => {
    const solution = (info: string) => `::: step s S\n\`\`\`check\ntrue\n\`\`\`\n\n\`\`\`${info}\ndocker swarm join\n\`\`\`\n:::`;
    const onNode2 = render(solution('solution {node=node2}'));
    assert.ok(onNode2.includes('<summary data-i18n="code.solutionOnNode" data-i18n-params="{&quot;node&quot;:&quot;node2&quot;}">Show solution (on node2)</summary><div class="code-block" data-runnable data-run-node="node2">'), onNode2);
    assert.ok(onNode2.includes(`aria-label="Run in node2's terminal"`), onNode2);
    const plain = render(solution('solution'));
    assert.ok(plain.includes('<summary data-i18n="code.solution">Show solution</summary><div class="code-block" data-runnable>'), plain);
  });

  test('a file block shows its path with Apply, Open and Copy, and no Run', () => {
    const html = render('::: step f File\n```dockerfile file=/root/app/Dockerfile\nFROM busybox\n```\n\n```check\ntrue\n```\n:::');
    assert.ok(html.includes('<div class="code-block file-block" data-file="/root/app/Dockerfile" data-file-node="node1">'), html);
    assert.ok(html.includes('<code>/root/app/Dockerfile</code>'), html);
    for (const action of ['apply', 'open', 'copy']) assert.ok(html.includes(`data-action="${action}"`), action);
    const block = html.slice(html.indexOf('file-block'), html.indexOf('</div></div>', html.indexOf('file-block')));
    assert.ok(block.includes('Apply to file') && !block.includes('data-action="run"'), block);
  });
});
