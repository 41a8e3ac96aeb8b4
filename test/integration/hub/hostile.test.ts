// Nothing a client sends may throw out of a handler: event names and payloads of every JavaScript
// type, with or without an ack, on every namespace — including anonymous ones, before any login.
// The hub stays up, every acknowledged message is refused with a code and a Chinese message, the
// hall is as it was, and a storm writes a bounded number of audit rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { snapshotView } from '../../../main/hub/views.js';
import { openSocket, runStorm, type StormClient } from '../../helpers/hostile.js';
import { rid, startTestHub, type TestHub } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

const zh = /[\u4e00-\u9fff]/;
type Loose = Socket<Record<string, (...args: unknown[]) => void>, Record<string, (...args: unknown[]) => void>>;

const hallNow = (h: TestHub) => {
  const db = sql(h);
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    snapshot: snapshotView(h.hub.core.state, h.hub.core.store.lastSeq),
    tickets: count('tickets'),
    events: count('event_log'),
    commands: count('commands'),
    appointments: count('appointments'),
    complaints: count('complaints'),
    ratings: count('ratings'),
  };
};
/** Audit rows of refusals outside the engine (those carry no requestId). */
const auditRows = (h: TestHub) => (sql(h).prepare('SELECT COUNT(*) AS n FROM audit_log WHERE request_id IS NULL').get() as { n: number }).n;

/** A client on every namespace, each able to connect again after the hub drops it. */
async function everyNamespace(h: TestHub): Promise<StormClient[]> {
  const issued = await (await h.kiosk()).emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok && issued.ticket);
  const staff = (await h.login('0101')).token;
  const supervisor = (await h.login('0902')).token;
  const visit = h.hub.core.state.tickets.get(issued.ticket.id)!;
  const auth: Record<string, object> = {
    '/kiosk': { token: h.tokens.kiosk },
    '/counter': { token: staff, windowNo: 1 },
    '/display': { token: h.tokens.display },
    '/agent': { token: h.tokens.agent },
    '/supervise': { token: supervisor },
    '/public': {},
    '/ticket': { visitId: visit.visitId, token: visit.token },
  };
  return Object.entries(auth).map(([nsp, a]) => ({ nsp, connect: () => openSocket(h.url, nsp, a) }));
}

test('an event whose name is a number, sent without logging in, is refused and the hub stays up', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  for (const client of await everyNamespace(h)) {
    const socket = (await client.connect()) as unknown as Loose;
    for (const name of [123, 0, -1.5]) {
      const reply = (await socket.timeout(5000).emitWithAck(name as unknown as string, {})) as { ok: boolean; code: string; message: string };
      assert.equal(reply.ok, false, `${client.nsp} ${name}`);
      assert.equal(reply.code, 'unknown-command');
      assert.match(reply.message, zh);
    }
    socket.close();
  }
  assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
});

test("a visitor's phone that sends anything gets a refusal, not silence", async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const phone = (await (await everyNamespace(h)).find((c) => c.nsp === '/ticket')!.connect()) as unknown as Loose;
  for (const [event, payload] of [['ticket:status', {}], ['ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' }], ['x', null]] as const) {
    const reply = (await phone.timeout(5000).emitWithAck(event, payload)) as { ok: boolean; code: string; message: string };
    assert.deepEqual([reply.ok, reply.code], [false, 'unknown-command'], event);
    assert.match(reply.message, zh);
  }
});

test('a storm of hostile names and payloads on every namespace: all refused, the hall unchanged, the audit log bounded', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const clients = await everyNamespace(h);
  const counter = await clients.find((c) => c.nsp === '/counter')!.connect(); // signed in at window 1 before the storm
  assert.ok(((await counter.timeout(5000).emitWithAck('window:signIn', { requestId: rid() })) as { ok: boolean }).ok);
  counter.close();
  const before = hallNow(h);
  const rows = auditRows(h);
  const tally = await runStorm(clients, 1400, { seed: 20261201 });

  assert.deepEqual(tally.problems, [], 'no hostile message was accepted, left unanswered, or cost a connection it should not');
  assert.equal(tally.accepted + tally.unanswered, 0);
  assert.ok(tally.refused > tally.sent / 3, `refused ${tally.refused} of ${tally.sent}`);
  assert.ok(tally.dropped > 0, 'names the wire cannot carry as events were tried (and cost only their connection)');
  assert.equal((await fetch(`${h.url}/healthz`)).status, 200, 'the hub is alive');
  // The counter, reconnected after each drop, signs in again at its own window: a no-op command.
  const { commands: commandsAfter, ...after } = hallNow(h);
  const { commands: commandsBefore, ...expected } = before;
  assert.deepEqual(after, expected, 'the hall is as it was');
  const newTypes = sql(h).prepare('SELECT DISTINCT type FROM commands LIMIT -1 OFFSET ?').pluck().all(commandsBefore);
  assert.ok(newTypes.every((type) => type === 'signIn'), `commands run: ${newTypes.join(', ')} (${commandsAfter - commandsBefore})`);
  h.hub.core.refusals.flush();
  // Seven sources, one window: each writes its first few refusals and one summary row.
  const written = auditRows(h) - rows;
  assert.ok(written <= 7 * 6, `${tally.sent} hostile messages wrote ${written} audit rows`);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);
  // Still serving.
  const kiosk = await h.kiosk();
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
});
