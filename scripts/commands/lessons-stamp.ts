// npm run lessons:stamp -- <slug> [part…] [--locale zh-CN]: records in a translation which English it matches
// (its `source:` stamps), for every part or only the named ones (step ids, _meta, _intro, _summary). Run it
// after updating a translation; lessons:check then reports any part whose English changes afterwards.
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '../../sandbox-server/config.ts';
import { loadLessons } from '../../shared/lesson-format/load-lessons.ts';
import { englishSource, readTranslations } from '../../shared/lesson-format/translation/lesson-translations.ts';
import { englishStamps, stampTranslation } from '../../shared/lesson-format/translation/stamp-translation.ts';

export async function run(args: string[]): Promise<void> {
  const localeFlag = args.indexOf('--locale');
  const locale = localeFlag >= 0 ? args[localeFlag + 1] : undefined;
  const [slug, ...parts] = localeFlag < 0 ? args : args.filter((_, index) => index !== localeFlag && index !== localeFlag + 1);
  if (!slug) throw new Error('usage: npm run lessons:stamp -- <slug> [step-id…] [--locale zh-CN]');
  const lesson = (await loadLessons(loadConfig().SLIPWAY_LESSONS_DIR)).find((candidate) => candidate.slug === slug);
  if (!lesson) throw new Error(`no lesson "${slug}": give the slug, the folder name without its number`);
  const english = await englishSource(lesson);
  if (!english) throw new Error(`${lesson.file} is an imported scenario: import it (npm run lessons:import) before translating it`);
  const translations = (await readTranslations(lesson)).filter((translation) => !locale || translation.locale === locale);
  if (translations.length === 0) throw new Error(`${slug} has no translation${locale ? ` into ${locale}` : ''}: write lesson.<locale>.md beside ${lesson.file}`);
  const stamps = englishStamps(english.parts, english.title, english.summary);
  for (const { file } of translations) {
    await writeFile(file, stampTranslation(await readFile(file, 'utf8'), stamps, parts));
    console.log(`stamped ${file}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`);
  }
}
