import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClearOfInnerEngines, blocksOverlap } from './inner-address-clash.ts';
import { INNER_ENGINE, SANDBOX_ENGINE } from './sandbox-engine-layout.ts';

test('blocks overlap when one holds the other\'s first address, either way round', () => {
  assert.equal(blocksOverlap('10.215.0.0/24', '10.215.0.0/16'), true);
  assert.equal(blocksOverlap('10.0.0.0/8', '10.215.3.0/24'), true);
  assert.equal(blocksOverlap('10.214.0.0/24', '10.214.0.128/25'), true);
  assert.equal(blocksOverlap('10.213.0.0/16', '10.214.0.0/24'), false);
  assert.equal(blocksOverlap('172.18.0.0/16', '10.215.0.0/16'), false);
  assert.equal(blocksOverlap('fd00::/64', '10.215.0.0/16'), false, 'IPv6 never clashes with the IPv4 inner ranges');
  assert.equal(blocksOverlap('not-a-block', '10.215.0.0/16'), false);
});

test('by construction, the sandbox engine\'s networks never overlap the inner engines\' ranges', () => {
  // Everything the sandbox engine hands out (its bridge, the shared and session networks) lies in its range;
  // the inner engines' docker0 and pool lie outside it, and apart from each other.
  const inner = [INNER_ENGINE.bip.replace(/\.1\//, '.0/'), INNER_ENGINE.addressPool];
  for (const range of inner) assert.equal(blocksOverlap(SANDBOX_ENGINE.range, range), false, `${range} is clear of ${SANDBOX_ENGINE.range}`);
  assert.equal(blocksOverlap(inner[0] ?? '', inner[1] ?? ''), false, 'docker0 is outside the inner pool');
  assert.equal(blocksOverlap(SANDBOX_ENGINE.range, SANDBOX_ENGINE.addressPool), true, 'the pool is inside the range the forwarding rules cover');
  assert.equal(blocksOverlap(SANDBOX_ENGINE.range, SANDBOX_ENGINE.bridgeAddress), true);
  // Docker's own default pools (a trusted host's engine): 172.17-31.x and 192.168.x.
  for (const range of ['172.16.0.0/12', '192.168.0.0/16']) for (const own of inner) assert.equal(blocksOverlap(range, own), false);
});

test('a sandbox network on the subnet an inner engine takes first is refused, in one sentence that says what to do', () => {
  assert.throws(() => assertClearOfInnerEngines('mine', ['10.215.0.0/24']), /^Error: Network mine \(10\.215\.0\.0\/24\) overlaps 10\.215\.0\.0\/16, which every sandbox's inner engine uses: give the sandboxes a network on another subnet\.$/);
  assert.throws(() => assertClearOfInnerEngines('wide', ['fd00::/64', '10.0.0.0/8']), /overlaps 10\.214\.0\.0\/24/);
  assert.doesNotThrow(() => assertClearOfInnerEngines('fine', ['10.213.4.0/24', 'fd00::/64']));
});
