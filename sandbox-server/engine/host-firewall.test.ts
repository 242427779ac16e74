import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorHostPort } from './host-firewall.ts';

test("the registry mirror's port is allowed on its own address when that is an IP, on any host address otherwise", () => {
  assert.deepEqual(mirrorHostPort('http://172.19.0.1:5000'), { port: 5000, address: '172.19.0.1' });
  assert.deepEqual(mirrorHostPort('https://mirror.example'), { port: 443 });
  assert.deepEqual(mirrorHostPort('http://mirror.example:8080/'), { port: 8080 });
  assert.equal(mirrorHostPort(undefined), undefined);
});
