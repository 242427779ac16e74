// @ts-check
// Progress lines for the set-up steps: what is happening, and how long it took.
/** @param {string} message */
export function say(message) {
  console.log(`slipway: ${message}`);
}

/**
 * Runs `work`, printing its name before and its duration after.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function phase(name, work) {
  const started = Date.now();
  say(`${name}…`);
  const result = await work();
  say(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * @param {string} message
 * @returns {never}
 */
export function fail(message) {
  console.error(`slipway: ${message}`);
  process.exit(1);
}
