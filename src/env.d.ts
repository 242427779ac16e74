// Astro's ambient types (CSS and asset imports) and the build-time constant set in astro.config.mjs.
/// <reference types="astro/client" />

declare const __SLIPWAY_LESSONS_DIR__: string;
