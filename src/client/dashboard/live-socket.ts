// The dashboard's live socket (GET /api/workshops/:id/live, docs/api.md): frames go to the store; a dropped
// socket comes back through the shared reconnect helper, for as long as the page is open.
import { DashboardMessageSchema } from '../../../shared/contracts/workshop-schemas.ts';
import { openApiSocket } from '../api-socket.ts';
import { createReconnector } from '../reconnect.ts';
import type { DashboardStore } from './dashboard-store.ts';

export function connectLive(store: DashboardStore, api: string, token: string): void {
  const reconnector = createReconnector(open, { maxRetries: Infinity, firstDelayMs: 500, maxDelayMs: 10_000, stableMs: 5000 });
  function open(): void {
    openApiSocket(`${api}/live`, token, DashboardMessageSchema, {
      onOpen: () => reconnector.opened(),
      onFrame: (frame) => store.getState().applyFrame(frame),
      onClose(event) {
        if (store.getState().socketClosed(event.code)) reconnector.closed();
        else reconnector.stop();
      },
    });
  }
  open();
}
