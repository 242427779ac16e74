// The images a lesson may use: what the image kit builds and serves through the sessions' registry mirror
// (image-kit/manifest.ts is the one list). A name without a tag also matches :latest.
import { KIT } from '../../image-kit/manifest.ts';

export const KNOWN_IMAGES: readonly string[] = KIT.filter((image) => image.mirrored).flatMap((image) => image.tags);
