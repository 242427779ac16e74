// What the browser needs to know to run a `runtime: webcontainer` lesson (GET /api/runtime, docs/api.md).
import type { RuntimeSettings } from '../../shared/contracts/api-schemas.ts';
import type { Config } from '../config.ts';

export const runtimeSettings = (config: Pick<Config, 'SLIPWAY_LESSON_RUNTIME' | 'SLIPWAY_WEBCONTAINER_CLIENT_ID'>): RuntimeSettings => ({
  webcontainerLessons: config.SLIPWAY_LESSON_RUNTIME,
  webcontainerClientId: config.SLIPWAY_WEBCONTAINER_CLIENT_ID || null,
});
