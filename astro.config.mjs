// Static site: the sandbox server serves dist/ and /api on one port. In `astro dev`, /api (HTTP and the
// terminal websocket) is proxied to a separately running sandbox server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

const apiPort = process.env.SLIPWAY_API_PORT ?? 4322;

export default defineConfig({
  output: 'static',
  vite: {
    // Pages are prerendered from a bundle under dist/, where load-lessons' import.meta.url default no longer
    // points at the project, so the lessons folder is fixed here: SLIPWAY_LESSONS_DIR (the server's setting, so
    // site and server agree) or lessons/ beside this file.
    define: { __SLIPWAY_LESSONS_DIR__: JSON.stringify(process.env.SLIPWAY_LESSONS_DIR ?? fileURLToPath(new URL('./lessons/', import.meta.url))) },
    server: {
      proxy: {
        '/api': { target: `http://127.0.0.1:${apiPort}`, ws: true },
      },
    },
  },
});
