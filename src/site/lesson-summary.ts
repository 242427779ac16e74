// "Text after the last step is the summary" (docs/authoring.md): the lesson page shows it in the finish panel.
const STEP_END = '</div></section>\n';

export function splitSummary(html: string): { body: string; summary: string } {
  const end = html.lastIndexOf(STEP_END);
  if (end === -1) return { body: html, summary: '' };
  const cut = end + STEP_END.length;
  return { body: html.slice(0, cut), summary: html.slice(cut).trim() };
}
