// Names shared by the kit task that runs the registry mirror and the server that points sessions at it.
export const MIRROR_CONTAINER = 'slipway-mirror';
export const MIRROR_IMAGE = 'slipway/mirror:latest';
export const MIRROR_VOLUME = 'slipway-mirror-data';
/** The host port it is published on, on the sandbox network's gateway address only. */
export const MIRROR_PORT = 5000;
export const MIRROR_ROLE_LABEL = 'slipway.role';
export const MIRROR_ROLE = 'registry-mirror';
/** Hash of the image ids it was seeded with: a container carrying the current one is reused as it is. */
export const SEED_LABEL = 'org.slipway.mirror-seed';

/** The repository a mirror lookup of `tag` asks for: Docker Hub's official images live under library/. */
export function mirrorRepository(tag: string): { repo: string; tag: string } {
  const colon = tag.lastIndexOf(':');
  const name = colon > tag.lastIndexOf('/') ? tag.slice(0, colon) : tag;
  return { repo: name.includes('/') ? name : `library/${name}`, tag: colon > tag.lastIndexOf('/') ? tag.slice(colon + 1) : 'latest' };
}
