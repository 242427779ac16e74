import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewAddress } from './preview-pane.ts';

const page = 'http://127.0.0.1:4321/lessons/ports/';

test('a path of the app opens under the port\'s preview address, with the token', () => {
  assert.equal(previewAddress({ url: '/preview/s1/node1/8080/' }, '/about?x=1', 't0k', page), 'http://127.0.0.1:4321/preview/s1/node1/8080/about?x=1&token=t0k');
  assert.equal(previewAddress({ url: '/preview/s1/node1/8080/' }, '', 't0k', page), 'http://127.0.0.1:4321/preview/s1/node1/8080/?token=t0k');
});

test('a preview origin the server reports is used as is', () => {
  assert.equal(previewAddress({ url: 'https://preview.example.org/preview/s1/node1/80/' }, '/x', 't', page), 'https://preview.example.org/preview/s1/node1/80/x?token=t');
});

test('a path that climbs out of the port (../, another origin) stays at the port\'s root', () => {
  assert.equal(previewAddress({ url: '/preview/s1/node1/8080/' }, '/../../../api/sessions', 't', page), 'http://127.0.0.1:4321/preview/s1/node1/8080/?token=t');
  assert.equal(previewAddress({ url: '/preview/s1/node1/8080/' }, '//evil.example/x', 't', page), 'http://127.0.0.1:4321/preview/s1/node1/8080/evil.example/x?token=t', 'a path, not a host');
  assert.equal(previewAddress({ url: '/preview/s1/node1/8080/' }, 'https://evil.example/', 't', page), 'http://127.0.0.1:4321/preview/s1/node1/8080/?token=t', 'the token never leaves for another origin');
});
