// Bytes of JavaScript and CSS a page loads up front, gzipped, read from the built site: what its HTML inlines,
// the assets it names, and every module those import statically (dynamic imports load later and are not counted).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g;

export async function pageWeight(siteDir: string, page: string): Promise<{ jsGzipKB: number; cssGzipKB: number }> {
  const html = await readFile(path.join(siteDir, page), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/(_astro\/[^"]+\.(?:js|css))"/g)].map((match) => match[1] ?? '');
  const seen = new Set<string>();
  const totals = { js: 0, css: 0 };
  for (const [, tag = '', body = ''] of html.matchAll(/<(style|script)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    if (body.trim()) totals[tag === 'style' ? 'css' : 'js'] += gzipSync(body).length;
  }
  while (queue.length > 0) {
    const asset = queue.pop() ?? '';
    if (seen.has(asset)) continue;
    seen.add(asset);
    const bytes = await readFile(path.join(siteDir, asset));
    totals[asset.endsWith('.css') ? 'css' : 'js'] += gzipSync(bytes).length;
    if (asset.endsWith('.js')) {
      for (const [, file = ''] of bytes.toString('utf8').matchAll(STATIC_IMPORT)) queue.push(`_astro/${file}`);
    }
  }
  return { jsGzipKB: Math.round(totals.js / 102.4) / 10, cssGzipKB: Math.round(totals.css / 102.4) / 10 };
}
