// The images a sandbox has without pulling (no registry is reachable): the image kit's list (branch `kit`).
// One place on purpose: point it at the kit's manifest when it lands. A name without a tag also matches :latest.
export const KNOWN_IMAGES: readonly string[] = [
  'busybox',
  'debian:bookworm-slim',
  'nginx',
  'redis',
  'node:22',
  'registry:2',
  'slipway/whoami',
  'slipway/crashy',
];
