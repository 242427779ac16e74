import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerPorts, publishedPorts } from './published-ports.ts';

test('reads published TCP ports from docker ps, once each, in order', () => {
  assert.deepEqual(publishedPorts('0.0.0.0:8080->80/tcp, :::8080->80/tcp 0.0.0.0:3000->3000/tcp '), [3000, 8080]);
});

test('leaves out unpublished, UDP and loopback-only ports', () => {
  assert.deepEqual(publishedPorts('80/tcp, 0.0.0.0:5353->53/udp, 127.0.0.1:9000->9000/tcp, [::1]:9001->9001/tcp'), []);
  assert.deepEqual(publishedPorts(''), []);
});

test('expands a published range, capped so a huge range cannot flood the list', () => {
  assert.deepEqual(publishedPorts('0.0.0.0:5000-5002->5000-5002/tcp'), [5000, 5001, 5002]);
  assert.equal(publishedPorts('0.0.0.0:1-65535->1-65535/tcp').length, 32);
});

test('a port bound to one specific address of the node counts', () => {
  assert.deepEqual(publishedPorts('172.18.0.2:8081->80/tcp'), [8081]);
});

test('says which container publishes each port, from the watcher\'s name|ports snapshot', () => {
  assert.deepEqual(containerPorts('web|0.0.0.0:8080->80/tcp, :::8080->80/tcp;db|6379/tcp;api|0.0.0.0:3000->3000/tcp;'), [
    { port: 3000, container: 'api' },
    { port: 8080, container: 'web' },
  ]);
  assert.deepEqual(containerPorts(''), []);
  assert.deepEqual(containerPorts('no separator 0.0.0.0:1->1/tcp'), [], 'a line without a name is not trusted');
});
