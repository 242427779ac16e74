// npm run lessons:check: validates every lesson, printing file:line problems; exits non-zero if any.
import { loadConfig } from '../../sandbox-server/config.ts';
import { validateLessons } from '../../src/lesson-format/validate-lessons.ts';

export async function run(): Promise<void> {
  const { lessons, problems } = await validateLessons(loadConfig().SLIPWAY_LESSONS_DIR);
  for (const problem of problems) console.error(`${problem.file}:${problem.line}: ${problem.message}`);
  console.log(`lessons: ${lessons} checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  if (problems.length > 0) process.exit(1);
}
