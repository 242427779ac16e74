// The files API on a real sandbox: list, read and write round trip; bad paths, directories, oversize and
// binary files are refused with one sentence; written files belong to root and keep their mode.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiErrorSchema, DirectoryListingSchema, FileContentSchema, WriteFileResponseSchema, type SessionInfo } from '../../shared/contracts/api-schemas.ts';
import { authorized, createSession, terminalUrl } from '../support/api-client.ts';
import { TerminalClient } from '../support/terminal-client.ts';
import { serverForThisFile } from '../support/test-server.ts';

const server = serverForThisFile('files', { SLIPWAY_RECONNECT_GRACE_S: '1' });
let session: SessionInfo;

before(async () => {
  await server.ready;
  session = await createSession(server.url);
});

const call = (route: 'files' | 'file', query: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/sessions/${session.id}/${route}?${query}`, authorized(session, init));
const put = (path: string, content: string) =>
  call('file', `path=${encodeURIComponent(path)}`, { method: 'PUT', body: JSON.stringify({ content }) });

async function refused(response: Response, status: number, pattern: RegExp): Promise<void> {
  const body = ApiErrorSchema.parse(await response.json());
  assert.equal(response.status, status, body.error);
  assert.match(body.error, pattern);
  assert.ok(!body.error.includes('\n'), 'one line');
}

test('write creates parent directories; read and list give it back', async () => {
  const content = 'FROM busybox\nCMD ["echo", "héllo 🐳"]\n';
  const written = await put('/root/app/sub/../Dockerfile', content);
  assert.equal(written.status, 200);
  assert.deepEqual(WriteFileResponseSchema.parse(await written.json()), { path: '/root/app/Dockerfile', size: Buffer.byteLength(content) });

  const read = await call('file', 'path=/root/app/Dockerfile&node=node1');
  assert.equal(read.status, 200);
  assert.deepEqual(FileContentSchema.parse(await read.json()), { path: '/root/app/Dockerfile', content, size: Buffer.byteLength(content) });

  assert.equal((await put('/root/app/zeta.txt', '')).status, 200);
  assert.equal((await put('/root/app/conf/a.yml', 'a: 1\n')).status, 200);
  const listed = await call('files', 'path=/root/app/');
  assert.equal(listed.status, 200);
  assert.deepEqual(DirectoryListingSchema.parse(await listed.json()), {
    path: '/root/app',
    entries: [
      { name: 'conf', kind: 'directory', size: 4096 },
      { name: 'Dockerfile', kind: 'file', size: Buffer.byteLength(content) },
      { name: 'zeta.txt', kind: 'file', size: 0 },
    ],
  });
});

test('listing shows symlinks and follows a symlinked directory; reading follows a symlinked file', async () => {
  const root = DirectoryListingSchema.parse(await (await call('files', 'path=/')).json());
  assert.deepEqual(root.entries.find((entry) => entry.name === 'bin')?.kind, 'symlink');
  const firstFile = root.entries.findIndex((entry) => entry.kind !== 'directory');
  assert.ok(root.entries.slice(firstFile).every((entry) => entry.kind !== 'directory'), 'directories come first');
  const bin = DirectoryListingSchema.parse(await (await call('files', 'path=/bin')).json());
  assert.ok(bin.entries.some((entry) => entry.name === 'bash'));
  const osRelease = FileContentSchema.parse(await (await call('file', 'path=/etc/os-release')).json());
  assert.match(osRelease.content, /Debian/);
});

test('a written file belongs to root; an executable stays executable when rewritten', async () => {
  assert.equal((await put('/root/run.sh', '#!/bin/sh\necho one\n')).status, 200);
  const terminal = await TerminalClient.open(terminalUrl(server.wsUrl, session));
  await terminal.waitForOutput(/[#$] $/m);
  terminal.type('chmod 750 /root/run.sh; echo mode=$(stat -c "%U:%G:%a" /root/run.sh)\r');
  await terminal.waitForOutput(/mode=root:root:750/);
  assert.equal((await put('/root/run.sh', '#!/bin/sh\necho two\n')).status, 200);
  terminal.type('echo now=$(stat -c "%U:%G:%a" /root/run.sh) $(/root/run.sh); stat -c "new=%U:%a" /root/app/zeta.txt\r');
  await terminal.waitForOutput(/now=root:root:750 two/);
  await terminal.waitForOutput(/new=root:644/);
  terminal.close();
});

test('bad paths, missing files and directories are refused with a sentence', async () => {
  await refused(await call('file', 'path=root/x'), 400, /absolute/);
  await refused(await call('file', ''), 400, /\?path=/);
  await refused(await call('file', 'path=/root/a%00b'), 400, /NUL/);
  await refused(await call('file', 'path=/root/nothing-here'), 404, /no file \/root\/nothing-here/);
  await refused(await call('files', 'path=/root/nothing-here'), 404, /no \/root\/nothing-here/);
  await refused(await call('file', 'path=/root'), 409, /is a directory/);
  await refused(await call('files', 'path=/etc/hostname'), 409, /not a directory/);
  await refused(await put('/root', 'x'), 409, /is a directory/);
  await refused(await put('/etc/hostname/inside', 'x'), 409, /Cannot/);
  await refused(await call('file', 'path=/root/x&node=node9'), 400, /node1 … node5/);
  await refused(await call('file', 'path=/root/x&node=node2'), 404, /no node2/);
  await refused(await fetch(`${server.url}/api/sessions/${session.id}/file?path=/root`), 401, /token/);
});

test('oversize and binary files are refused: 413 and 415', async () => {
  await refused(await call('file', 'path=/usr/bin/docker'), 413, /over the 1 MiB/);
  await refused(await call('file', 'path=/usr/bin/ls'), 415, /binary/);
  await refused(await put('/root/big.txt', 'x'.repeat(1024 * 1024 + 1)), 413, /over the 1 MiB/);
  await refused(await call('file', 'path=/root/big.txt'), 404, /no file/);
  await refused(await put('/root/x.txt', 'é'.repeat(2 * 1024 * 1024)), 413, /Request body over|over the 1 MiB/);
});
