// Instructor websockets: /api/workshops/:id/live (dashboard state pushed on every change) and
// /api/workshops/:id/learners/:learner/watch (a learner's terminal, read-only). The instructor token comes
// in the first frame, never in the URL, so it stays out of logs; a socket that has not sent it is closed.
// A watcher's frames after the token are ignored: nothing it sends can reach the learner's shell.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '../../shared/contracts/protocol.ts';
import { type DashboardMessage, type WatchMessage } from '../../shared/contracts/workshop-schemas.ts';
import { HttpError } from '../http/http-error.ts';
import { firstFrameToken } from '../http/socket-auth.ts';
import { errorMessage } from '../logger.ts';
import type { ShellWatcher } from '../terminal/shell-session.ts';
import type { Classroom } from './classroom.ts';

const LIVE_PATH = /^\/api\/workshops\/([\w-]+)\/live$/;
const WATCH_PATH = /^\/api\/workshops\/([\w-]+)\/learners\/([\w-]+)\/watch$/;
// A watcher whose connection cannot keep up is dropped rather than buffered without bound.
const MAX_WATCH_BUFFER = 4 * 1024 * 1024;

export interface WorkshopSockets {
  handles(pathname: string): boolean;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  terminateAll(): void;
}

export function createWorkshopSockets(classroom: Classroom): WorkshopSockets {
  const server = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  return {
    handles: (pathname) => LIVE_PATH.test(pathname) || WATCH_PATH.test(pathname),
    handleUpgrade(request, socket, head) {
      const { pathname } = new URL(request.url ?? '/', 'http://localhost');
      server.handleUpgrade(request, socket, head, (ws) => {
        const live = LIVE_PATH.exec(pathname);
        const watch = WATCH_PATH.exec(pathname);
        authenticate(ws, classroom, live?.[1] ?? watch?.[1] ?? '', (workshopId) => {
          if (live) openDashboard(ws, classroom, workshopId);
          else if (watch) openWatch(ws, classroom, workshopId, watch[2] ?? '');
        });
      });
    },
    terminateAll: () => server.clients.forEach((client) => client.terminate()),
  };
}

function authenticate(ws: WebSocket, classroom: Classroom, workshopId: string, onReady: (workshopId: string) => void): void {
  firstFrameToken(ws, (token) => {
    try {
      classroom.authorizeInstructor(workshopId, token);
    } catch (error) {
      const code = error instanceof HttpError && error.status === 404 ? CloseCode.unknownSession : CloseCode.unauthorized;
      ws.close(code, errorMessage(error).slice(0, 120));
      return;
    }
    onReady(workshopId);
  });
}

function openDashboard(ws: WebSocket, classroom: Classroom, workshopId: string): void {
  const send = (message: DashboardMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = classroom.subscribe(workshopId, (state) => send({ type: 'state', state }));
  ws.on('close', unsubscribe);
}

function openWatch(ws: WebSocket, classroom: Classroom, workshopId: string, learnerId: string): void {
  const target = classroom.watchable(workshopId, learnerId);
  const shell = target ? [...target.session.shells.values()].at(-1) : undefined;
  if (!target || !shell) {
    ws.close(CloseCode.unknownSession, 'This learner has no terminal open right now.');
    return;
  }
  const sendText = (message: WatchMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const watcher: ShellWatcher = {
    write(bytes) {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > MAX_WATCH_BUFFER) return void ws.close(CloseCode.normal, 'The watch connection fell behind: open it again.');
      ws.send(bytes, { binary: true });
    },
    resized: (cols, rows) => sendText({ type: 'size', cols, rows }),
    end: () => ws.close(CloseCode.sessionEnded, "The learner's shell ended."),
  };
  ws.on('close', () => shell.unwatch(watcher));
  sendText({ type: 'watching', learner: target.name, lesson: target.session.lesson.slug, ...shell.dimensions });
  void shell.watch(watcher);
}
