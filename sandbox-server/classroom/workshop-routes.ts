// HTTP routes of workshops (docs/api.md, "Workshops"). Instructor calls carry the instructor token as a
// bearer token; creating one needs the operator token when the server has one (or must have one: it can be
// reached from other machines); joining is rate-limited per client address.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BroadcastRequestSchema,
  CreateWorkshopRequestSchema,
  JoinWorkshopRequestSchema,
  UpdateWorkshopRequestSchema,
  type CreateWorkshopResponse,
  type JoinWorkshopResponse,
} from '../../shared/contracts/workshop-schemas.ts';
import type { Route } from '../http/api-routes.ts';
import { bearerToken } from '../http/bearer-token.ts';
import { codedError, HttpError } from '../http/http-error.ts';
import { readJsonBody } from '../http/json-body.ts';
import { sendJson } from '../http/respond.ts';
import type { Classroom } from './classroom.ts';
import { toCsv } from './csv.ts';
import { translate } from '../../shared/i18n/ui-strings.ts';
import { LocaleSchema } from '../../shared/contracts/browser-state-schemas.ts';
import { RateLimiter } from './rate-limiter.ts';
import { hashSecret, secretMatches } from './secrets.ts';

/** A class behind one NAT address joins at once; a script guessing codes is slowed to a crawl. */
export const JOIN_LIMIT = { burst: 60, perMinute: 30 };
const RESULT_COLUMNS = ['learner', 'lesson', 'step', 'completedAt', 'attempts', 'timeSpentS'] as const;

/** Who may create workshops: `token` (SLIPWAY_OPERATOR_TOKEN) when set; `required` when others can reach the server. */
export interface OperatorPolicy {
  token: string;
  required: boolean;
}

function authorizeOperator(request: IncomingMessage, operator: OperatorPolicy): void {
  if (!operator.token) {
    if (operator.required) throw new HttpError(403, 'Creating workshops on a server others can reach needs an operator token: set SLIPWAY_OPERATOR_TOKEN and restart the server.');
    return;
  }
  const given = bearerToken(request);
  if (!given || !secretMatches(given, hashSecret(operator.token))) throw new HttpError(401, 'Creating a workshop needs the operator token of this server: ask its operator for it.');
}

export function createWorkshopRoutes(classroom: Classroom, operator: OperatorPolicy, addressOf: (request: IncomingMessage) => string): Route[] {
  const joins = new RateLimiter(JOIN_LIMIT);
  const instructor = (request: IncomingMessage, id = '') => classroom.authorizeInstructor(id, bearerToken(request));
  const download = (response: ServerResponse, type: string, name: string, body: string) => {
    response.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' });
    response.end(body);
  };
  return [
    {
      method: 'POST',
      pattern: /^\/api\/workshops$/,
      async handler(request, response) {
        authorizeOperator(request, operator);
        const body = await readJsonBody(request, CreateWorkshopRequestSchema);
        const { workshop, instructorToken } = classroom.create(body);
        const created: CreateWorkshopResponse = {
          workshop: classroom.instructorView(workshop),
          instructorToken,
          instructorPath: `/workshops/dashboard/#workshop=${workshop.id}&token=${instructorToken}`,
          joinPath: `/workshops/join/?code=${workshop.code}`,
        };
        sendJson(response, 201, created);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/join$/,
      async handler(request, response) {
        const address = addressOf(request);
        if (!joins.take(address)) {
          response.setHeader('retry-after', String(joins.retryAfterSeconds(address)));
          throw codedError(429, 'joinRateLimit');
        }
        const body = await readJsonBody(request, JoinWorkshopRequestSchema);
        const { workshop, learner, token } = classroom.join(body.code, body.name);
        const joined: JoinWorkshopResponse = { workshop: classroom.publicView(workshop), learner: { id: learner.id, name: learner.name, token } };
        sendJson(response, 201, joined);
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([\w-]+)$/,
      async handler(request, response, [id]) {
        const workshop = instructor(request, id);
        sendJson(response, 200, classroom.state(workshop.id));
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/api\/workshops\/([\w-]+)$/,
      async handler(request, response, [id]) {
        const workshop = instructor(request, id);
        classroom.update(workshop, await readJsonBody(request, UpdateWorkshopRequestSchema));
        sendJson(response, 200, classroom.state(workshop.id));
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([\w-]+)\/broadcast$/,
      async handler(request, response, [id]) {
        const workshop = instructor(request, id);
        const { message } = await readJsonBody(request, BroadcastRequestSchema);
        sendJson(response, 200, { delivered: classroom.broadcast(workshop.id, message) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/workshops\/([\w-]+)\/end$/,
      async handler(request, response, [id]) {
        const workshop = instructor(request, id);
        await classroom.end(workshop.id);
        sendJson(response, 200, classroom.state(workshop.id));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([\w-]+)\/results\.json$/,
      async handler(request, response, [id]) {
        const workshop = instructor(request, id);
        download(response, 'application/json; charset=utf-8', `workshop-${workshop.code}.json`, JSON.stringify(classroom.results(workshop.id), null, 2));
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/workshops\/([\w-]+)\/results\.csv$/,
      async handler(request, response, [id]) {
        const workshop = instructor(request, id);
        const rows = classroom.results(workshop.id).map((row) => RESULT_COLUMNS.map((column) => row[column]));
        // ?lang=zh-CN: column headers in that language, after a byte-order mark so spreadsheets read the file as UTF-8.
        const lang = LocaleSchema.safeParse(new URL(request.url ?? '/', 'http://localhost').searchParams.get('lang'));
        const header = lang.success && lang.data !== 'en' ? RESULT_COLUMNS.map((column) => translate(lang.data, `export.${column}`)) : RESULT_COLUMNS;
        download(response, 'text/csv; charset=utf-8', `workshop-${workshop.code}.csv`, (header === RESULT_COLUMNS ? '' : '\uFEFF') + toCsv(header, rows));
      },
    },
  ];
}
