// Pull time of each kit image inside a fresh session, from the registry mirror (layers downloaded and
// extracted by the session's own engine), then `docker compose up -d` of the two-service app. Pulls run in
// manifest order, so images built on debian:bookworm-slim measure only their own layers.
import type Docker from 'dockerode';
import { KIT } from '../image-kit/manifest.ts';
import { runCommand } from '../sandbox-server/engine/run-command.ts';
import { authorized, createSession } from '../tests/support/api-client.ts';
import { writeComposeApp } from '../tests/support/compose-app.ts';
import { round } from './stats.ts';

export async function measurePulls(docker: Docker, baseUrl: string) {
  const session = await createSession(baseUrl);
  const sandbox = docker.getContainer(`slipway-${session.id}`);
  const timed = async (script: string) => {
    const started = performance.now();
    const { exitCode, output } = await runCommand(sandbox, ['sh', '-c', script]);
    if (exitCode !== 0) throw new Error(`bench: \`${script}\` failed: ${output.slice(-300)}`);
    return round(performance.now() - started, 0);
  };
  try {
    const pullMs: Record<string, number> = {};
    for (const image of KIT.filter((entry) => entry.mirrored)) {
      const tag = image.tags[0] ?? '';
      pullMs[tag] = await timed(`docker pull -q ${tag}`);
    }
    await timed(writeComposeApp('/root/app'));
    const composeUpMs = await timed('cd /root/app && docker compose up -d --quiet-pull');
    return { pullMs, composeUpMs };
  } finally {
    await fetch(`${baseUrl}/api/sessions/${session.id}`, authorized(session, { method: 'DELETE' }));
  }
}
