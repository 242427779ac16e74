// Writes files into a sandbox through the engine's archive API (no shell quoting of contents): lesson assets
// and file blocks. Parent folders are created by the engine; an optional chmod runs afterwards.
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { runCommand } from '../engine/run-command.ts';

export interface SandboxFile {
  /** Absolute path in the sandbox. */
  path: string;
  content: Buffer | string;
  /** A chmod mode such as 755 or +x (validated by the lesson schema). */
  chmod?: string;
}

export async function writeFiles(container: Docker.Container, files: readonly SandboxFile[]): Promise<void> {
  if (files.length === 0) return;
  const archive = pack();
  for (const file of files) archive.entry({ name: file.path.replace(/^\/+/, ''), mode: 0o644, uid: 0, gid: 0 }, file.content);
  archive.finalize();
  await container.putArchive(await collect(archive), { path: '/' });
  for (const file of files.filter((candidate) => candidate.chmod)) {
    const result = await runCommand(container, ['chmod', file.chmod ?? '', file.path]);
    if (result.exitCode !== 0) throw new Error(`chmod ${file.chmod} ${file.path} failed: ${result.output.trim()}`);
  }
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
