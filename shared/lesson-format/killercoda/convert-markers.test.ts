import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertMarkers } from './convert-markers.ts';

const codes = (text: string) => convertMarkers(text, 'step 1').commands.map((command) => command.code);

test('an inline {{exec}} alone on its line becomes a runnable block and a solution command', () => {
  const result = convertMarkers('Run it:\n\n`docker ps -a`{{exec}}\n', 'step 1');
  assert.equal(result.markdown, 'Run it:\n\n```sh\ndocker ps -a\n```\n\n');
  assert.deepEqual(result.commands, [{ code: 'docker ps -a', node: 1 }]);
  assert.deepEqual(result.unsupported, []);
});

test('an inline marker inside a sentence keeps the sentence and adds the block after it', () => {
  const result = convertMarkers('First `docker images`{{execute}} then read.', 'step 1');
  assert.equal(result.markdown, 'First `docker images` then read.\n\n```sh\ndocker images\n```\n');
});

test('fenced blocks with the marker on the closing fence: {{exec}}, {{exec interrupt}} and {{copy}}', () => {
  const result = convertMarkers('```\ndocker logs -f web\n```{{exec}}\n\n```\ndocker rm -f web\n```{{exec interrupt}}\n\n```yaml\na: 1\n```{{copy}}\n', 'step 2');
  assert.equal(result.markdown, '```sh\ndocker logs -f web\n```\n\n```sh {interrupt}\ndocker rm -f web\n```\n\n```yaml\na: 1\n```\n\n');
  assert.deepEqual(result.commands.map((command) => command.code), ['docker logs -f web', 'docker rm -f web']);
});

test('an unmarked block before a marked one stays a plain block: the prose between them is not a command', () => {
  const text = 'Output looks like:\n\n```plain\nCONTAINER ID   IMAGE\n```\n\nNow list them:\n\n```plain\ndocker ps\n```{{exec}}\n';
  const result = convertMarkers(text, 'step 1');
  assert.deepEqual(result.commands.map((command) => command.code), ['docker ps']);
  assert.match(result.markdown, /^```plain\nCONTAINER ID {3}IMAGE\n```$/m);
  assert.match(result.markdown, /^Now list them:$/m);
});

test('a marker on the opening fence, a longer fence holding backticks, and {{}} (no copy) are understood', () => {
  assert.deepEqual(codes('```bash{{exec}}\necho one\n```\n'), ['echo one']);
  assert.deepEqual(codes('````{{exec}}\necho "```"\n````\n'), ['echo "```"']);
  const result = convertMarkers('This is `not copied`{{}} at all.\n', 'step 1');
  assert.equal(result.markdown, 'This is `not copied` at all.\n');
  assert.deepEqual(result.unsupported, []);
});

test('a <details> solution becomes a hint whose commands still form the solution; <br> lines go', () => {
  const text = [
    'Start a container.', '', '<br>', '<details><summary>Info</summary>', '<br>', '', '```plain', 'A note, not a command.', '```', '', '</details>',
    '', '<br>', '<details>', '<summary>Solution</summary>', '', '```plain', 'docker run -d --name web nginx', '```{{exec}}', '', '</details>', '',
  ].join('\n');
  const result = convertMarkers(text, 'step 1');
  assert.deepEqual(result.commands.map((command) => command.code), ['docker run -d --name web nginx']);
  assert.deepEqual(result.unsupported, [], 'nothing is left as raw HTML');
  assert.equal(result.markdown, [
    'Start a container.', '', '````hint', '**Info**', '', '```plain', 'A note, not a command.', '```', '````', '',
    '````hint', '**Solution**', '', '```sh', 'docker run -d --name web nginx', '```', '````', '', '',
  ].join('\n'));
  const prose = convertMarkers('<details><summary>Why?</summary>\nBecause.\n</details>\n', 'intro', 'prose');
  assert.equal(prose.markdown.trim(), '**Why?**\n\nBecause.');
});

test('{{exec HOST2}} runs on node2; terminal tabs and other markers are reported; Go templates in code are left alone', () => {
  const hosts = convertMarkers('`hostname`{{execute HOST2}}\n\n`hostname`{{exec "host1"}}\n', 'step 1');
  assert.deepEqual(hosts.commands, [{ code: 'hostname', node: 2 }, { code: 'hostname', node: 1 }]);
  assert.match(hosts.markdown, /```sh \{node=node2\}\nhostname\n```/);
  const result = convertMarkers("`docker ps`{{execute T2}}\n\nOpen {{TRAFFIC_HOST1_80}} <b>now</b>.\n\n`docker inspect -f '{{.State.Running}}' web`\n", 'step 3');
  assert.deepEqual(result.unsupported, [
    'step 3: marker option "T2" on {{execute}} (terminal tabs are not supported; the command runs in the node\'s one terminal)',
    'step 3: marker {{TRAFFIC_HOST1_80}} is not supported and is shown as text',
    'step 3: raw HTML is not rendered (lessons may come from third parties): it is shown as text',
  ]);
});
