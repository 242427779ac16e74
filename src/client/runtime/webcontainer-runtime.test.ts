import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerMessage } from '../../../shared/contracts/protocol.ts';
import type { SocketState, TerminalSocketEvents } from '../terminal-socket.ts';
import { InMemoryWebContainer } from '../../../tests/support/in-memory-webcontainer.ts';
import { mountProject, webcontainerRuntime, type WebContainerLesson } from './webcontainer-runtime.ts';
import { containerPath, projectTree } from './project-files.ts';

const LESSON: WebContainerLesson = {
  files: { 'package.json': '{"name":"app"}\n', 'src/app.js': 'module.exports = 1;\n' },
  checks: [
    { id: 'run', check: 'node -e "check run"' },
    { id: 'change', check: 'node -e "check change"' },
  ],
};

/** A runtime over a fresh in-memory WebContainer, with the "output has settled" moment in the test's hands. */
async function setup(passing: string[] = []) {
  const container = new InMemoryWebContainer();
  await mountProject(container, LESSON.files);
  container.commands = (script) => ({ code: passing.some((id) => script.includes(`check ${id}`)) ? 0 : 1, output: `\x1b[31mnot yet: ${script}\x1b[0m\n` });
  const settled: (() => void)[] = [];
  const runtime = webcontainerRuntime(container, LESSON, { settle: (then) => (settled.push(then), () => settled.splice(settled.indexOf(then), 1)) });
  const messages: ServerMessage[] = [];
  const states: SocketState[] = [];
  const shells: { replaced: boolean }[] = [];
  const output: string[] = [];
  const events: TerminalSocketEvents = {
    onState: (state) => states.push(state),
    onShell: (shell) => shells.push(shell),
    onBytes: (bytes) => output.push(new TextDecoder().decode(bytes)),
    onMessage: (message) => messages.push(message),
  };
  const socket = runtime.openShell('node1', events);
  await until(() => container.shells.length === 1 && states.some((state) => state.kind === 'ready'));
  const checks = () => messages.filter((message) => message.type === 'check');
  return { container, runtime, socket, messages, states, shells, output, settled, checks };
}

async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 200 && !condition(); turn += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), 'the condition never held');
}

test('the starting files are mounted as a tree at the workdir, and the editor sees them under /root', async () => {
  const { container, runtime } = await setup();
  assert.equal(container.files.get('/src/app.js'), 'module.exports = 1;\n');
  const listing = await runtime.files.list('node1', '/root');
  assert.deepEqual(listing.entries.map((entry) => `${entry.name}:${entry.kind}`), ['package.json:file', 'src:directory']);
  assert.equal((await runtime.files.read('node1', '/root/src/app.js')).content, 'module.exports = 1;\n');
});

test('the shell is jsh in a terminal: typed bytes reach it, resizes too, and a shell that exits is replaced', async () => {
  const { container, socket, shells, output } = await setup();
  assert.ok(socket.sendBytes(new TextEncoder().encode('ls')));
  assert.deepEqual(container.shells[0]?.typed, ['ls']);
  socket.sendMessage({ type: 'resize', cols: 120, rows: 40 });
  assert.deepEqual(container.shells[0]?.size, { cols: 120, rows: 40 });
  await until(() => output.join('').includes('ls'));
  container.shells[0]?.exit(0);
  await until(() => container.shells.length === 2);
  assert.deepEqual(shells.map((shell) => shell.replaced), [false, true]);
});

test('after a command settles, the current step is checked with jsh -c, then the next ones while they pass', async () => {
  const { container, socket, settled, checks } = await setup(['run']);
  socket.sendBytes(new TextEncoder().encode('npm start\r'));
  assert.equal(container.ran.length, 0, 'nothing is checked while the command may still be running');
  settled.at(-1)?.();
  await until(() => checks().length === 2);
  assert.deepEqual(checks().map((event) => event.type === 'check' && [event.step, event.ok]), [['run', true], ['change', false]]);
  const failed = checks()[1];
  assert.ok(failed?.type === 'check' && failed.output === 'not yet: node -e "check change"', 'colours are stripped from what the learner reads');
  // A completed step is not checked again.
  container.ran.length = 0;
  socket.sendBytes(new TextEncoder().encode('\r'));
  settled.at(-1)?.();
  await until(() => container.ran.length === 1);
  assert.deepEqual(container.ran, ['node -e "check change"']);
});

test('saving a file checks the steps; "Check now" checks one step out of order', async () => {
  const { container, runtime, socket, checks } = await setup(['change']);
  await runtime.files.write('node1', '/root/src/new.js', 'x');
  assert.equal(container.files.get('/src/new.js'), 'x');
  await until(() => checks().length === 1);
  assert.deepEqual(checks().map((event) => event.type === 'check' && [event.step, event.ok]), [['run', false]], 'run is the current step, and it fails');
  socket.sendMessage({ type: 'check', step: 'change' });
  await until(() => checks().length === 2);
  assert.deepEqual(checks()[1], { type: 'check', step: 'change', ok: true, output: 'not yet: node -e "check change"', requested: true });
});

test('a check that never exits fails with the timeout sentence and is killed', async () => {
  const container = new InMemoryWebContainer();
  container.commands = () => ({ code: 0, hangs: true });
  const runtime = webcontainerRuntime(container, LESSON, { checkTimeoutMs: 1 });
  const messages: ServerMessage[] = [];
  const socket = runtime.openShell('node1', { onState: () => {}, onShell: () => {}, onBytes: () => {}, onMessage: (message) => messages.push(message) });
  socket.sendMessage({ type: 'check', step: 'run' });
  await until(() => messages.length === 1);
  assert.deepEqual(messages[0], { type: 'check', step: 'run', ok: false, output: 'The check took longer than 0.001 s and was stopped.', requested: true });
});

test('open ports are the previews, with the WebContainer URL; a closed port goes away', async () => {
  const { container, runtime, messages } = await setup();
  container.port(3000, 'open');
  container.port(5173, 'open');
  container.port(5173, 'close');
  const last = messages.filter((message) => message.type === 'ports').at(-1);
  assert.deepEqual(last, { type: 'ports', ports: [{ node: 'node1', port: 3000, url: 'https://preview-3000.example.test' }] });
  assert.equal(runtime.previewHref({ node: 'node1', port: 3000, url: 'https://preview-3000.example.test' }), 'https://preview-3000.example.test');
});

test('attacker: no path outside the project folder is reachable through the editor or Apply to file', async () => {
  const { runtime } = await setup();
  for (const path of ['/etc/passwd', '/root/../etc/passwd', '/rootkit/x', '/root/src/../../x', 'root/app.js']) {
    await assert.rejects(runtime.files.read('node1', path), /outside the project folder|leaves the project folder/, path);
    await assert.rejects(runtime.files.write('node1', path, 'x'), /outside the project folder|leaves the project folder/, path);
  }
  assert.equal(containerPath('/root'), '/');
  assert.equal(containerPath('/root/./src//app.js'), '/src/app.js');
});

test('attacker: a lesson file path that climbs out, or a file used as a folder, is refused when mounting', () => {
  assert.throws(() => projectTree({ '../x': '' }), /leaves the project folder/);
  assert.throws(() => projectTree({ a: '', 'a/b': '' }), /which is a file/);
  assert.deepEqual(projectTree({ 'a/b/c.txt': 'c' }), { a: { directory: { b: { directory: { 'c.txt': { file: { contents: 'c' } } } } } } });
});
