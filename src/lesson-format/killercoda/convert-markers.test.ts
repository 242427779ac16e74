import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertMarkers } from './convert-markers.ts';

test('an inline {{exec}} alone on its line becomes a runnable block and a solution command', () => {
  const result = convertMarkers('Run it:\n\n`docker ps -a`{{exec}}\n', 'step 1');
  assert.equal(result.markdown, 'Run it:\n\n```sh\ndocker ps -a\n```\n\n');
  assert.deepEqual(result.commands, ['docker ps -a']);
  assert.deepEqual(result.unsupported, []);
});

test('an inline marker inside a sentence keeps the sentence and adds the block after it', () => {
  const result = convertMarkers('First `docker images`{{execute}} then read.', 'step 1');
  assert.equal(result.markdown, 'First `docker images` then read.\n\n```sh\ndocker images\n```\n');
});

test('fenced blocks with {{exec interrupt}} and {{copy}}', () => {
  const result = convertMarkers('```\ndocker logs -f web\n```{{exec}}\n\n```\ndocker rm -f web\n```{{exec interrupt}}\n\n```yaml\na: 1\n```{{copy}}\n', 'step 2');
  assert.equal(result.markdown, '```sh\ndocker logs -f web\n```\n\n```sh {interrupt}\ndocker rm -f web\n```\n\n```yaml\na: 1\n```\n');
  assert.deepEqual(result.commands, ['docker logs -f web', 'docker rm -f web']);
});

test('what cannot be honoured is reported, and Go templates in code are left alone', () => {
  const result = convertMarkers("`docker ps`{{execute T2}}\n\nOpen {{TRAFFIC_HOST1_80}} <b>now</b>.\n\n`docker inspect -f '{{.State.Running}}' web`\n", 'step 3');
  assert.deepEqual(result.unsupported, [
    'step 3: marker option "T2" on {{execute}} (terminal tabs and other hosts are not supported; the command runs in the main terminal)',
    'step 3: marker {{TRAFFIC_HOST1_80}} is not supported and is shown as text',
    'step 3: raw HTML is not rendered (lessons may come from third parties): it is shown as text',
  ]);
});
