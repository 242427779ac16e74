// Scenarios often use Alpine-based tags (nginx:alpine, redis:7-alpine, plain alpine). Sessions pull only the
// image kit, which has no Alpine images (they cannot be built offline), so each such name whose software the
// kit has is rewritten to the kit's Debian-based image, and every rewrite is reported.
import { KNOWN_IMAGES } from '../known-images.ts';

/** Repository → the kit name a lesson should use (the kit's first tag of it, `:latest` left out). */
const KIT_NAME = new Map<string, string>();
for (const tag of KNOWN_IMAGES) {
  const [repo = tag, version = 'latest'] = tag.split(':');
  if (!KIT_NAME.has(repo)) KIT_NAME.set(repo, version === 'latest' ? repo : tag);
}

const TAGGED = /(?<![\w./:-])(?:docker\.io\/)?(?:library\/)?([a-z0-9][a-z0-9._-]*):([\w.-]*alpine[\w.-]*)(?![\w./-])/g;
// Plain `alpine` is a word in prose too: only where a line uses it as an image.
const IMAGE_LINE = /\bdocker\s+(run|create|pull)\b|^\s*FROM\s|^\s*image:\s/i;
const BARE_ALPINE = /(?<![\w./:-])(?:docker\.io\/)?(?:library\/)?alpine(?::[\w.-]+)?(?![\w./:-])/g;

export interface MappedImages {
  text: string;
  /** "nginx:alpine → nginx" for each rewrite. */
  mapped: string[];
}

export function mapAlpineImages(text: string): MappedImages {
  const mapped = new Set<string>();
  const out = text.split('\n').map((line) => {
    let result = line.replace(TAGGED, (whole, repo: string) => {
      if (repo === 'alpine') return whole;
      const kit = KIT_NAME.get(repo);
      if (!kit) return whole;
      mapped.add(`${whole} → ${kit}`);
      return kit;
    });
    if (IMAGE_LINE.test(result)) {
      result = result.replace(BARE_ALPINE, (whole) => {
        mapped.add(`${whole} → busybox (BusyBox's tools as in Alpine, but no apk)`);
        return 'busybox';
      });
    }
    return result;
  });
  return { text: out.join('\n'), mapped: [...mapped] };
}
