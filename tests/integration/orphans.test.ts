// A server that crashed leaves sandboxes behind; the next server of the same instance removes them at
// start-up (with the private networks of its multi-node sessions), and leaves other instances' alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectDocker } from '../../sandbox-server/engine/docker.ts';
import { createSandbox, removeSandbox } from '../../sandbox-server/engine/sandbox-container.ts';
import { loadConfig } from '../../sandbox-server/config.ts';
import { sandboxSpec } from '../../sandbox-server/engine/sandbox-spec.ts';
import { probeHost } from '../../sandbox-server/engine/host-facts.ts';
import { NO_FIREWALL } from '../../sandbox-server/engine/host-firewall.ts';
import { createSessionNetwork, removeNetwork } from '../../sandbox-server/engine/session-network.ts';
import { networksOf, sandboxesOf, uniqueInstance } from '../support/leftovers.ts';
import { startTestServer } from '../support/test-server.ts';

test('start-up removes the sandboxes of a crashed server of the same instance only', async () => {
  const docker = connectDocker();
  const config = loadConfig();
  const host = await probeHost(docker, config);
  const instance = uniqueInstance('orphans');
  const neighbour = uniqueInstance('orphans-neighbour');
  // The orphan was node2 of a multi-node session: it sits on that session's private network.
  const [network, neighbourNetwork] = await Promise.all([
    createSessionNetwork(docker, instance, `crashed-${process.pid}`, NO_FIREWALL),
    createSessionNetwork(docker, neighbour, `alive-${process.pid}`, NO_FIREWALL),
  ]);
  const [orphan, other] = await Promise.all([
    createSandbox(docker, { ...sandboxSpec(config, host, instance, `orphan-${process.pid}`), network, hostname: 'node2', aliases: ['node2'] }),
    createSandbox(docker, sandboxSpec(config, host, neighbour, `neighbour-${process.pid}`)),
  ]);
  try {
    assert.equal((await sandboxesOf(instance)).length, 1);
    const server = await startTestServer({ SLIPWAY_INSTANCE: instance });
    await server.close();
    assert.deepEqual(await sandboxesOf(instance), [], 'the orphan is gone');
    assert.deepEqual(await networksOf(instance), [], "the crashed session's network is gone");
    assert.equal((await sandboxesOf(neighbour)).length, 1, "another instance's sandbox is left alone");
    assert.deepEqual(await networksOf(neighbour), [neighbourNetwork], "another instance's network is left alone");
  } finally {
    await Promise.all([removeSandbox(orphan), removeSandbox(other)]);
    await Promise.all([removeNetwork(docker, network, NO_FIREWALL), removeNetwork(docker, neighbourNetwork, NO_FIREWALL)]);
  }
});
