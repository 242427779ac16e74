// The node a request on a session's files or ports names with ?node= (default node1).
import type Docker from 'dockerode';
import { NodeNameSchema } from '../../shared/contracts/protocol.ts';
import type { Session } from '../sessions/session.ts';
import { HttpError } from './http-error.ts';

export function requestedNode(session: Session, raw: string | null): { name: string; container: Docker.Container } {
  const name = raw ?? 'node1';
  if (!NodeNameSchema.safeParse(name).success) throw new HttpError(400, `"${name.slice(0, 20)}" is not a node name: use node1 … node5.`);
  const container = session.nodes.container(name);
  if (!container) throw new HttpError(404, `This session has no ${name}: its nodes are ${session.nodes.names().join(', ')}.`);
  return { name, container };
}
