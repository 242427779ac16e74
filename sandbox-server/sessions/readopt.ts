// At start-up: the sandboxes a previous run of this server instance left behind either get their sessions
// back (a live container whose record is on disk and still within its time limits) or are removed.
import type Docker from 'dockerode';
import { listSandboxes, removeSandbox } from '../engine/sandbox-container.ts';
import type { SessionRecord } from './session-store.ts';

export interface Adoption {
  adopted: { record: SessionRecord; container: Docker.Container }[];
  reaped: number;
}

export async function readoptSandboxes(docker: Docker, instance: string, records: SessionRecord[], stillValid: (record: SessionRecord) => boolean): Promise<Adoption> {
  const byContainer = new Map(records.filter(stillValid).map((record) => [record.containerId, record]));
  const adopted: Adoption['adopted'] = [];
  const orphans: Docker.Container[] = [];
  for (const info of await listSandboxes(docker, instance)) {
    const record = byContainer.get(info.Id);
    const container = docker.getContainer(info.Id);
    if (record && info.State === 'running') adopted.push({ record, container });
    else orphans.push(container);
  }
  await Promise.all(orphans.map((container) => removeSandbox(container)));
  return { adopted, reaped: orphans.length };
}
