// A lesson's assets/ folder: which files it holds and where each goes in the sandbox (frontmatter `assets`:
// a folder, default /root/<slug>, or per-file placements as Killercoda scenarios have them).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_DIR, type AssetPlacement, type LessonAssets, type LessonFrontmatter } from './lesson-schema.ts';

export async function readLessonAssets(lessonDir: string, slug: string, meta: LessonFrontmatter): Promise<LessonAssets | undefined> {
  const dir = path.join(lessonDir, 'assets');
  const files = await listFiles(dir);
  if (files === undefined) return undefined;
  return { dir: path.resolve(dir), files, placements: assetPlacements(files, slug, meta) };
}

export function assetPlacements(files: readonly string[], slug: string, meta: LessonFrontmatter): AssetPlacement[] {
  if (Array.isArray(meta.assets)) return meta.assets;
  const target = meta.assets ?? defaultAssetsFolder(slug, meta);
  return files.map((file) => ({ file, target: path.posix.join(target, path.posix.dirname(file)) }));
}

/** Relative `/`-separated paths of the files under `dir`, sorted; undefined when there is no such folder. */
async function listFiles(dir: string): Promise<string[] | undefined> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => undefined);
  if (!entries) return undefined;
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Where assets/ goes without an `assets:` key: a webcontainer lesson's project folder, else /root/<slug>. */
export const defaultAssetsFolder = (slug: string, meta: LessonFrontmatter): string => (meta.runtime === 'webcontainer' ? PROJECT_DIR : `/root/${slug}`);
