// Typed calls to the workshop API and its instructor websockets, for integration tests, e2e tests and the bench.
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { SessionSchema, type SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { JSON_HEADERS } from './api-client.ts';
import {
  CreateWorkshopResponseSchema,
  DashboardMessageSchema,
  DashboardStateSchema,
  JoinWorkshopResponseSchema,
  type CreateWorkshopRequest,
  type CreateWorkshopResponse,
  type DashboardState,
  type JoinWorkshopResponse,
} from '../../shared/contracts/workshop-schemas.ts';

/** `operatorToken`: the server's SLIPWAY_OPERATOR_TOKEN, when it has one. */
export async function createWorkshop(baseUrl: string, overrides: Partial<CreateWorkshopRequest> = {}, operatorToken?: string): Promise<CreateWorkshopResponse> {
  const now = Date.now();
  const body: CreateWorkshopRequest = {
    title: 'Docker basics',
    lessons: ['first-container'],
    capacity: 5,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
    ...overrides,
  };
  const headers = { ...JSON_HEADERS, ...(operatorToken ? { authorization: `Bearer ${operatorToken}` } : {}) };
  const response = await fetch(`${baseUrl}/api/workshops`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (response.status !== 201) assert.fail(`creating a workshop answered ${response.status}: ${await response.text()}`);
  return CreateWorkshopResponseSchema.parse(await response.json());
}

export async function joinWorkshop(baseUrl: string, code: string, name: string): Promise<JoinWorkshopResponse> {
  const response = await fetch(`${baseUrl}/api/workshops/join`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ code, name }) });
  if (response.status !== 201) assert.fail(`joining as ${name} answered ${response.status}: ${await response.text()}`);
  return JoinWorkshopResponseSchema.parse(await response.json());
}

export async function createLearnerSession(baseUrl: string, learnerToken: string, lesson = 'first-container'): Promise<SessionInfo> {
  const response = await fetch(`${baseUrl}/api/sessions`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ lesson, workshop: { learner: learnerToken } }) });
  if (response.status !== 201) assert.fail(`a learner's session answered ${response.status}: ${await response.text()}`);
  return SessionSchema.parse(await response.json());
}

export const instructorAuth = (token: string): RequestInit => ({ headers: { ...JSON_HEADERS, authorization: `Bearer ${token}` } });

export async function workshopState(baseUrl: string, workshopId: string, token: string): Promise<DashboardState> {
  const response = await fetch(`${baseUrl}/api/workshops/${workshopId}`, instructorAuth(token));
  if (response.status !== 200) assert.fail(`the workshop state answered ${response.status}: ${await response.text()}`);
  return DashboardStateSchema.parse(await response.json());
}

/** The dashboard's websocket: keeps the latest pushed state. */
export class DashboardClient {
  latest?: DashboardState;
  frames = 0;
  closeCode?: number;
  private readonly socket: WebSocket;
  private readonly waiters = new Set<() => void>();

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const message = DashboardMessageSchema.parse(JSON.parse(String(data)));
      if (message.type === 'state') {
        this.latest = message.state;
        this.frames += 1;
      }
      for (const waiter of [...this.waiters]) waiter();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  static async open(wsBase: string, workshopId: string, token: string): Promise<DashboardClient> {
    const socket = new WebSocket(`${wsBase}/api/workshops/${workshopId}/live`);
    const client = new DashboardClient(socket);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(JSON.stringify({ type: 'auth', token }));
    return client;
  }

  /** Resolves once a pushed state satisfies `predicate`; fails with the last state after `timeoutMs`. */
  waitFor(predicate: (state: DashboardState) => boolean, what: string, timeoutMs = 60_000): Promise<DashboardState> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.latest && predicate(this.latest)) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(this.latest);
        } else if (this.closeCode !== undefined) {
          clearTimeout(timer);
          this.waiters.delete(check);
          reject(new Error(`the dashboard socket closed (${this.closeCode}) before ${what}`));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(this.latest?.learners.slice(0, 3))}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}
