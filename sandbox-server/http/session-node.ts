// The node a request on a session's files or ports names with ?node= (default node1).
import type Docker from 'dockerode';
import { NodeNameSchema } from '../../shared/contracts/protocol.ts';
import type { Session } from '../sessions/session.ts';
import { DomainError } from '../domain-error.ts';

export function requestedNode(session: Session, raw: string | null): { name: string; container: Docker.Container } {
  const name = raw ?? 'node1';
  if (!NodeNameSchema.safeParse(name).success) throw new DomainError('bad-input', 'badNodeName', { node: name.slice(0, 20) });
  const container = session.nodes.container(name);
  if (!container) throw new DomainError('not-found', 'noNode', { node: name, nodes: session.nodes.names().join(', ') });
  return { name, container };
}
