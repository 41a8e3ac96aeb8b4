// Agent bindings in the access tables: set when an agent is paired, replaced by bindAgent, cleared
// by a re-pair without one; only agents have one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccessRepo, NO_BINDING } from '../../../db/access.js';
import { migrate, openDatabase } from '../../../db/connection.js';

function repo() {
  const db = openDatabase(':memory:');
  migrate(db);
  return new AccessRepo(db);
}

test('an agent is paired with its binding, rebound with bindAgent, and re-paired without one serves nothing', () => {
  const access = repo();
  const token = access.pairDevice({ id: 'PC1', role: 'agent', name: '1号工控机', hasPrinter: false, binding: { windows: [3, 1, 2, 1], kiosks: ['K1'] } });
  assert.equal(access.deviceByToken(token)?.id, 'PC1');
  assert.deepEqual(access.agentBinding('PC1'), { windows: [1, 2, 3], kiosks: ['K1'] });

  access.bindAgent('PC1', { windows: [7], kiosks: [] });
  assert.deepEqual(access.agentBinding('PC1'), { windows: [7], kiosks: [] });

  access.pairDevice({ id: 'PC1', role: 'agent', name: '1号工控机', hasPrinter: false });
  assert.deepEqual(access.agentBinding('PC1'), NO_BINDING);
  assert.deepEqual(access.agentBinding('nobody'), NO_BINDING);
});

test('only agents are bound; a bad window number changes nothing', () => {
  const access = repo();
  assert.throws(() => access.pairDevice({ id: 'K1', role: 'kiosk', name: '取号机', hasPrinter: true, binding: { windows: [1], kiosks: [] } }), /only agents/);
  assert.equal(access.devices().length, 0, 'the refused pairing left no device behind');
  access.pairDevice({ id: 'K1', role: 'kiosk', name: '取号机', hasPrinter: true });
  assert.throws(() => access.bindAgent('K1', { windows: [1], kiosks: [] }), /K1 is a kiosk, not an agent/);
  assert.throws(() => access.bindAgent('PC9', { windows: [1], kiosks: [] }), /no paired agent PC9/);

  access.pairDevice({ id: 'PC1', role: 'agent', name: '工控机', hasPrinter: false, binding: { windows: [1], kiosks: [] } });
  assert.throws(() => access.bindAgent('PC1', { windows: [2, 0], kiosks: ['K1'] }), /window 0 is not a window number/);
  assert.deepEqual(access.agentBinding('PC1'), { windows: [1], kiosks: [] });
});
