// Killercoda/Katacoda markdown → Slipway markdown. Their action markers become Slipway code blocks:
//   `cmd`{{exec}} / {{execute}}          → ```sh block (Run + Copy)
//   ```…```{{exec interrupt}}            → ```sh {interrupt} (Ctrl-C first)
//   `text`{{copy}}                       → ```text block (Copy)
// Markers Slipway cannot honour (terminal tabs, other hosts, {{open}}, {{TRAFFIC_…}}) are reported, not dropped.
export interface ConvertedText {
  markdown: string;
  /** The commands the learner is asked to run, in order: a step's generated solution. */
  commands: string[];
  unsupported: string[];
}

const MARKER = /\{\{\s*(exec|execute|copy)((?:\s+[\w-]+)*)\s*\}\}/;
const BLOCK = new RegExp('^```([^\\n`]*)\\n([\\s\\S]*?)\\n```' + MARKER.source + '[ \\t]*$', 'gm');
const INLINE = new RegExp('`([^`\\n]+)`' + MARKER.source, 'g');

export function convertMarkers(text: string, where: string): ConvertedText {
  const commands: string[] = [];
  const unsupported: string[] = [];

  const block = (code: string, action: string, options: string, lang: string) => {
    const flags = options.trim().split(/\s+/).filter(Boolean);
    const interrupt = flags.includes('interrupt');
    for (const flag of flags.filter((candidate) => candidate !== 'interrupt')) {
      unsupported.push(`${where}: marker option "${flag}" on {{${action}}} (terminal tabs and other hosts are not supported; the command runs in the main terminal)`);
    }
    if (action === 'copy') return `\`\`\`${lang || 'text'}\n${code}\n\`\`\``;
    commands.push(code);
    return `\`\`\`sh${interrupt ? ' {interrupt}' : ''}\n${code}\n\`\`\``;
  };

  let markdown = text.replace(/\r\n/g, '\n').replace(BLOCK, (_all, lang: string, code: string, action: string, options: string) => block(code, action, options, lang.trim()));
  markdown = markdown
    .split('\n')
    .flatMap((line) => {
      const blocks: string[] = [];
      const prose = line.replace(INLINE, (_all, code: string, action: string, options: string) => {
        blocks.push(block(code, action, options, ''));
        return `\`${code}\``;
      });
      if (blocks.length === 0) return [line];
      // A marker alone on its line becomes the block; one inside a sentence keeps the sentence and adds the block after it.
      const alone = prose.replace(/^\s*([-*+]|\d+\.)?\s*/, '').replace(/`[^`]*`/g, '').trim() === '';
      return alone ? ['', ...blocks, ''] : [prose, '', ...blocks, ''];
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');

  // Code is the learner's to read ({{.State.Running}} is a Go template there): only prose can hold markers and HTML.
  const prose = markdown.replace(/```[\s\S]*?```|`[^`\n]*`/g, '');
  for (const [marker] of prose.matchAll(/\{\{[^}]*\}\}/g)) unsupported.push(`${where}: marker ${marker} is not supported and is shown as text`);
  if (/<\/?[a-z][^>]*>/i.test(prose)) {
    unsupported.push(`${where}: raw HTML is not rendered (lessons may come from third parties): it is shown as text`);
  }
  return { markdown, commands, unsupported };
}
