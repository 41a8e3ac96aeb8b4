// A kiosk that retries "take a number" (its reply was lost, it reconnected) must not print a
// second ticket: the hub answers the retry from its idempotency record and dispatches nothing;
// and a kiosk that reconnects is told how its last print went (it may have missed it while away).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceJob, KioskState, PrintResult } from '../../../main/protocol/index.js';
import { printingKiosk, received, rid, startTestHub, until, waitFor } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

test('a ticket:issue retried with the same requestId, on the same or a new connection, prints exactly one ticket', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const agent = await h.agent();
  const jobs: DeviceJob[] = [];
  agent.on('job:run', (job, ack) => {
    jobs.push(job);
    ack({ ok: true });
  });
  // The supervisors' console follows every event of the hall.
  const watcher = await h.supervise('0902');
  const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'prn-k2', kind: 'printer', kioskId: 'K2' }] })).ok);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 10_000);

  const requestId = rid();
  const first = await kiosk.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(first.ok, JSON.stringify(first));
  const again = await kiosk.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  kiosk.close();
  const reconnected = await h.kiosk(h.tokens.kioskWithPrinter);
  const third = await reconnected.emitWithAck('ticket:issue', { requestId, serviceCode: 'GS-01', kind: 'normal' });
  for (const r of [again, third]) {
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.ticket?.id, first.ticket?.id);
    assert.equal(r.ticket?.number, 'A001');
    assert.equal(r.statusUrl, first.statusUrl);
  }

  // A second, different ticket: its print job is dispatched after any the first caused.
  const next = await reconnected.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(next.ok);
  await waitFor<PrintResult>(reconnected, 'ticket:printed', (p) => p.ticketId === next.ticket?.id, 10_000);
  const prints = jobs.filter((j) => j.kind === 'print');
  assert.deepEqual(prints.map((j) => j.kind === 'print' && j.ticket.number), ['A001', 'A002']);
  assert.equal(prints[0]!.kind === 'print' && prints[0]!.ticket.id, first.ticket?.id);
  assert.equal(prints[0]!.deviceId, 'prn-k2');
  const count = sql(h).prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number };
  assert.equal(count.n, 2);
  // The hall saw one ticket.issued event for A001, not three.
  await until(watcher, (list) => list.some((r) => r.event === 'hall:event' && (r.payload as { changes: { tickets?: { number: string }[] } }).changes.tickets?.[0]?.number === 'A002'));
  const issuedEvents = received(watcher).filter((r) => r.event === 'hall:event' && (r.payload as { type: string }).type === 'ticket.issued');
  assert.deepEqual(issuedEvents.map((r) => (r.payload as { changes: { tickets: { number: string }[] } }).changes.tickets[0]!.number), ['A001', 'A002']);
});

test("a hub's device job ids are its own: a restarted hub never reuses an earlier hub's ids", async (t) => {
  const ids: string[] = [];
  for (let run = 0; run < 2; run++) {
    const h = await startTestHub();
    t.after(() => h.close());
    const agent = await h.agent();
    agent.on('job:run', (job, ack) => {
      if (job.kind === 'print') ids.push(job.id);
      ack({ ok: true });
    });
    const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
    assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'prn-k2', kind: 'printer', kioskId: 'K2' }] })).ok);
    await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 10_000);
    const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
    assert.ok(issued.ok);
    await waitFor<PrintResult>(kiosk, 'ticket:printed', (p) => p.ticketId === issued.ticket?.id, 10_000);
    await h.close();
  }
  assert.equal(ids.length, 2);
  assert.notEqual(ids[0], ids[1], `both hubs' first print job: ${ids.join(', ')}`);
});

test('a kiosk that was away when its ticket printed is told how the print went when it reconnects', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const { kiosk } = await printingKiosk(h);
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok && issued.ticket);
  kiosk.close(); // gone before the print result could reach it
  const watcher = await h.kiosk(h.tokens.kioskWithPrinter);
  await waitFor<PrintResult>(watcher, 'ticket:printed', (p) => p.ticketId === issued.ticket!.id, 10_000);
  // Every later connection hears it too, with the outcome.
  const back = await h.kiosk(h.tokens.kioskWithPrinter);
  const told = await waitFor<PrintResult>(back, 'ticket:printed', () => true, 10_000);
  assert.deepEqual(told, { ticketId: issued.ticket.id, ok: true });
});
