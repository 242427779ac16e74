// The bench report as an SVG bar chart: one row per figure, Slipway's bar beside its floor's, so a change is
// judged by the gap between the two rather than by a noisy absolute number.
export type ChartRow = { label: string; unit: string; slipway: number; floor?: number } | { label: string; didNotFinish: string };

const WIDTH = 760;
const LABEL = 250;
const ROW = 38;
const BAR = 13;

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function chartSvg(title: string, subtitle: string, rows: ChartRow[]): string {
  const height = 70 + rows.length * ROW + 30;
  const track = WIDTH - LABEL - 90;
  const bars = rows.map((row, index) => {
    const y = 60 + index * ROW;
    if ('didNotFinish' in row) {
      return `<text x="${LABEL - 10}" y="${y + BAR + 2}" text-anchor="end" class="l">${escape(row.label)}</text><text x="${LABEL}" y="${y + BAR + 2}" class="v">did not finish: ${escape(row.didNotFinish)}</text>`;
    }
    const max = Math.max(row.slipway, row.floor ?? 0) || 1;
    const bar = (value: number, dy: number, fill: string, name: string) =>
      `<rect x="${LABEL}" y="${y + dy}" width="${Math.max(1, (value / max) * track).toFixed(1)}" height="${BAR}" fill="${fill}"><title>${name}: ${value} ${escape(row.unit)}</title></rect>` +
      `<text x="${LABEL + Math.max(1, (value / max) * track) + 6}" y="${y + dy + BAR - 2}" class="v">${value} ${escape(row.unit)}</text>`;
    const ratio = row.floor ? ` (×${(row.slipway / row.floor).toFixed(2)})` : '';
    return [
      `<text x="${LABEL - 10}" y="${y + BAR + 2}" text-anchor="end" class="l">${escape(row.label)}${ratio}</text>`,
      bar(row.slipway, 0, '#2563eb', 'Slipway'),
      row.floor === undefined ? '' : bar(row.floor, BAR + 2, '#9ca3af', 'floor'),
    ].join('');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">
<style>.l{font-size:12px;fill:#111827}.v{font-size:11px;fill:#374151}.t{font-size:16px;font-weight:600}.s{font-size:11px;fill:#6b7280}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="26" class="t">${escape(title)}</text><text x="16" y="44" class="s">${escape(subtitle)}</text>
${bars.join('\n')}
<rect x="${LABEL}" y="${height - 22}" width="10" height="10" fill="#2563eb"/><text x="${LABEL + 14}" y="${height - 13}" class="s">Slipway</text>
<rect x="${LABEL + 80}" y="${height - 22}" width="10" height="10" fill="#9ca3af"/><text x="${LABEL + 94}" y="${height - 13}" class="s">floor (same machine, same run)</text>
</svg>
`;
}
