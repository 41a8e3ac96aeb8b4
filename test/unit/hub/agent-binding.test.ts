// The `--windows 1-12 --kiosks K1` syntax the command line pairs and binds agents with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindingText, parseAgentBinding } from '../../../main/hub/agent-binding.js';
import { testHall } from '../../helpers/queue-harness.js';

const hall = testHall(); // windows 1–5 and 9

test('windows as numbers and ranges, kiosks as ids; either may be left out', () => {
  assert.deepEqual(parseAgentBinding({ windows: '1-3,5, 9,2', kiosks: 'K1,K2' }, hall), { windows: [1, 2, 3, 5, 9], kiosks: ['K1', 'K2'] });
  assert.deepEqual(parseAgentBinding({ kiosks: 'K1' }, hall), { windows: [], kiosks: ['K1'] });
  assert.deepEqual(parseAgentBinding({}, hall), { windows: [], kiosks: [] });
});

test('a window the hall does not have, a backwards range or a bad kiosk id is refused, naming the option', () => {
  assert.throws(() => parseAgentBinding({ windows: '1-7' }, hall), /^Error: --windows 1-7: the hall file has no window 6, 7$/);
  assert.throws(() => parseAgentBinding({ windows: '5-1' }, hall), /--windows 5-1: the range 5-1 runs backwards/);
  assert.throws(() => parseAgentBinding({ windows: 'one' }, hall), /--windows one: "one" is not a window number/);
  assert.throws(() => parseAgentBinding({ kiosks: 'K1,K 2' }, hall), /--kiosks K1,K 2: "K 2" is not a kiosk id/);
});

test('a binding reads back compactly', () => {
  assert.equal(bindingText({ windows: [1, 2, 3, 5, 9, 10], kiosks: ['K1'] }), 'windows 1-3, 5, 9-10; kiosks K1');
  assert.equal(bindingText({ windows: [], kiosks: [] }), 'nothing');
});
