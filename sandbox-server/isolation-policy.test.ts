import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.ts';
import { listenRefusal } from './isolation-policy.ts';

test('trusted mode refuses every non-loopback address unless the operator overrides it', () => {
  for (const HOST of ['0.0.0.0', '::', '192.0.2.2', 'example.org']) {
    assert.match(listenRefusal(loadConfig({ HOST, SLIPWAY_ISOLATION: 'trusted' })) ?? '', /^refusing to listen on .*SLIPWAY_TRUSTED_REMOTE=yes/, HOST);
    assert.equal(listenRefusal(loadConfig({ HOST, SLIPWAY_ISOLATION: 'trusted', SLIPWAY_TRUSTED_REMOTE: 'yes' })), undefined, HOST);
    assert.equal(listenRefusal(loadConfig({ HOST })), undefined, `${HOST} under userns`);
  }
  for (const HOST of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.equal(listenRefusal(loadConfig({ HOST, SLIPWAY_ISOLATION: 'trusted' })), undefined, HOST);
});
