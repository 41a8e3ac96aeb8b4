// A resend after a lost answer gets the first answer, even when the hall has changed in between:
// the hub looks a repeated requestId up before its own checks (printer state, window signed in,
// the ticket's whereabouts), so a visitor whose ticket was issued is shown that ticket, not
// "暂停取号", and a caller key applied once is not refused on its resend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KioskState } from '../../../main/protocol/index.js';
import { printingKiosk, rid, startTestHub, waitFor } from '../../helpers/hub.js';

test('a ticket:issue resent after the printer ran out is answered with the ticket it issued', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const { agent, kiosk } = await printingKiosk(h);
  const requestId = rid();
  const first = await kiosk.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(first.ok && first.ticket);
  assert.ok((await agent.emitWithAck('device:health', { deviceId: 'prn-k2', online: true, canPrint: false, paper: 'out', message: '缺纸' })).ok);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => !s.canIssue, 10_000);
  const resent = await kiosk.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(resent.ok, JSON.stringify(resent));
  assert.equal(resent.ticket?.id, first.ticket.id);
  assert.equal(resent.statusUrl, first.statusUrl);
  const fresh = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(!fresh.ok && fresh.code === 'printer-unavailable', 'a new tap is refused while the paper is out');
});

test('a caller key resent after the window signed out, and a reprint resent after the ticket moved on, get their first answers', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  for (let i = 0; i < 2; i++) assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  const counter = await h.counter('0101', 1);
  const agent = await h.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'caller-1', kind: 'caller', windowNo: 1 }] })).ok);

  const key = rid();
  const called = await agent.emitWithAck('caller:key', { requestId: key, windowNo: 1, key: 'next' });
  assert.ok(called.ok && called.ticket?.number === 'A001', JSON.stringify(called));
  const reprint = rid();
  const printed = await counter.emitWithAck('ticket:reprint', { requestId: reprint, ticketId: called.ticket.id });
  assert.ok(printed.ok, JSON.stringify(printed));
  assert.ok((await counter.emitWithAck('window:finish', { requestId: rid() })).ok);
  assert.ok((await counter.emitWithAck('window:signOut', { requestId: rid() })).ok);

  const keyAgain = await agent.emitWithAck('caller:key', { requestId: key, windowNo: 1, key: 'next' });
  assert.deepEqual(keyAgain, called, 'the key was applied once: its first answer, not 尚未签到');
  const counter2 = await h.counter('0101', 1);
  const reprintAgain = await counter2.emitWithAck('ticket:reprint', { requestId: reprint, ticketId: called.ticket.id });
  assert.deepEqual(reprintAgain, printed);
  // Another agent cannot read that answer by replaying the id.
  const second = h.hub.core.access.pairDevice({ id: 'PC2', role: 'agent', name: '2号工控机', hasPrinter: false, binding: { windows: [1], kiosks: [] } });
  const { connect } = await import('../../helpers/hub.js');
  const other = await connect<typeof agent>(h.url, '/agent', { token: second });
  const stolen = await other.emitWithAck('caller:key', { requestId: key, windowNo: 1, key: 'next' });
  assert.ok(!stolen.ok, JSON.stringify(stolen));
});
