import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameservers } from './host-dns.ts';

test('nameservers keeps upstream resolvers and drops loopback ones', () => {
  const conf = '# generated\nsearch example.internal\nnameserver 127.0.0.53\nnameserver 10.0.0.2\n  nameserver 2001:db8::1\nnameserver ::1\noptions edns0\n';
  assert.deepEqual(nameservers(conf), ['10.0.0.2', '2001:db8::1']);
  assert.deepEqual(nameservers(''), []);
});
