// Static site: the sandbox server serves dist/ and /api on one port. In `astro dev`, /api (HTTP and the
// terminal websocket) is proxied to a separately running sandbox server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

const apiPort = process.env.SLIPWAY_API_PORT ?? 4322;

/** `astro dev` serves webcontainer lesson pages cross-origin isolated, as the sandbox server does (docs/authoring.md). */
const crossOriginIsolation = {
  name: 'slipway-cross-origin-isolation',
  apply: 'serve',
  async configureServer(server) {
    const { loadLessons } = await import('./shared/lesson-format/load-lessons.ts');
    const { isolationRule, ISOLATION_HEADERS } = await import('./shared/lesson-format/cross-origin-isolation.ts');
    const isolate = isolationRule(await loadLessons(), process.env.SLIPWAY_LESSON_RUNTIME ?? 'auto');
    server.middlewares.use((request, response, next) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const file = `${url.pathname.replace(/^\/+/, '').replace(/\/?$/, '/')}index.html`;
      if (isolate(file, url.searchParams)) for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
      next();
    });
  },
};

export default defineConfig({
  output: 'static',
  vite: {
    plugins: [crossOriginIsolation],
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
