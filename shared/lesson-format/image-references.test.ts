import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imagesMade, imagesUsed, isKnownImage } from './image-references.ts';

test('docker run/create/pull: the image is the first word after the options', () => {
  const script = [
    'docker run -d --name web -p 8080:80 -e A=b nginx',
    'docker container run --rm -it -v /x:/y busybox sh -c "echo hi"',
    'docker pull redis:7 && docker create --restart=always postgres:16',
    'docker run --network=host "$IMAGE"',
    'docker ps | grep nginx',
    'for i in 1 2; do docker run -d slipway/whoami; done',
    'docker run -d --health-start-period 10s --detach-keys ctrl-x,x --group-add 10 busybox',
  ].join('\n');
  assert.deepEqual(imagesUsed(script), [
    { image: 'nginx', line: 0 },
    { image: 'busybox', line: 1 },
    { image: 'redis:7', line: 2 },
    { image: 'postgres:16', line: 2 },
    { image: 'slipway/whoami', line: 5 },
    { image: 'busybox', line: 6 },
  ]);
});

test('a command continued over several lines with backslashes is read as one, at the line it starts on', () => {
  const script = ['echo start', 'docker run -d --name slow \\', "  --health-cmd 'test -f /ready' --health-start-period 10s \\", '  busybox sleep 60', 'docker build \\', '  -t mine .'].join('\n');
  assert.deepEqual(imagesUsed(script), [{ image: 'busybox', line: 1 }]);
  assert.deepEqual(imagesMade(script), ['mine']);
});

test('images a lesson builds, tags or commits', () => {
  assert.deepEqual(imagesMade('docker build -t myapp:1 .\ndocker image build --tag=other .\ndocker tag myapp:1 localhost:5000/myapp\ndocker commit web snap'), [
    'myapp:1', 'other', 'localhost:5000/myapp', 'snap',
  ]);
});

test('known images: the kit, :latest implied, docker.io/library/ implied, and what the lesson made', () => {
  assert.ok(isKnownImage('busybox'));
  assert.ok(isKnownImage('busybox:latest'));
  assert.ok(isKnownImage('docker.io/library/nginx'));
  assert.ok(isKnownImage('node:22'));
  assert.ok(isKnownImage('slipway/whoami'));
  assert.ok(!isKnownImage('node:20'));
  assert.ok(!isKnownImage('debian'), 'only debian:bookworm-slim is in the kit');
  assert.ok(!isKnownImage('postgres'));
  assert.ok(isKnownImage('myapp', ['myapp:latest']));
});
