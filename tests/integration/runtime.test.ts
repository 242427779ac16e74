// SLIPWAY_RUNTIME naming a runtime the engine does not know stops the server at start-up with one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('an unknown OCI runtime fails start-up with one clear line', async () => {
  const main = fileURLToPath(new URL('../../sandbox-server/main.ts', import.meta.url));
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [main], { env: { ...process.env, SLIPWAY_RUNTIME: 'no-such-runtime', PORT: '0', SLIPWAY_POOL_SIZE: '0', SLIPWAY_FIREWALL: 'off', SLIPWAY_INSTANCE: `test-runtime-${process.pid}` }, timeout: 60_000 }, (_error, _stdout, stderr) =>
      resolve({ code: child.exitCode, stderr }),
    );
  });
  assert.equal(code, 1);
  // Node's own warning about node:sqlite (the workshops database) is not the server's output.
  const lines = stderr.trim().split('\n').filter((line) => !/^\(node:\d+\) ExperimentalWarning|^\(Use `node --trace-warnings/.test(line));
  assert.equal(lines.length, 1, `one line: ${stderr}`);
  assert.match(lines[0] ?? '', /^slipway: SLIPWAY_RUNTIME=no-such-runtime is not a runtime this Docker engine knows \(it has: .*runc.*\): /);
});
