// npm run lessons:check: validates every lesson, printing file:line problems; exits non-zero if any (warnings
// alone, such as an imported scenario's unsupported parts, do not fail it).
import { loadConfig } from '../../sandbox-server/config.ts';
import { validateLessons } from '../../shared/lesson-format/validate-lessons.ts';

export async function run(): Promise<void> {
  const { lessons, problems } = await validateLessons(loadConfig().SLIPWAY_LESSONS_DIR);
  const errors = problems.filter((problem) => !problem.warning);
  for (const problem of problems) console.error(`${problem.file}:${problem.line}: ${problem.warning ? 'warning: ' : ''}${problem.message}`);
  const warnings = problems.length - errors.length;
  console.log(`lessons: ${lessons} checked, ${errors.length} problem${errors.length === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`);
  if (errors.length > 0) process.exit(1);
}
