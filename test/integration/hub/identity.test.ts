// A 居民身份证 swiped at a kiosk's reader: the agent sends the card to the hub, the hub keeps only
// the salted hash and tells that kiosk's page the masked name under a one-use reference; the page
// takes a number (一人一号, priority by age) or checks a booking in with it. Nothing of the card in
// clear reaches a page, the database file or the audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents, KioskIdentity, KioskState } from '../../../main/protocol/index.js';
import { SAMPLE_CARDS } from '../../../drivers/sim/idcard-cards.js';
import { hubHall, received, rid, startTestHub, waitFor, type TestHub } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
const cardOf = (name: keyof typeof SAMPLE_CARDS) => {
  const t = SAMPLE_CARDS[name].text;
  return { idNumber: t.idNumber, name: t.name, birthDate: t.birthDate, validTo: t.validTo };
};

async function hallWithReader(onePerPerson: boolean, logs: string[] = []): Promise<{ h: TestHub; agent: AgentSocket }> {
  const now = at('10:00', '2026-12-01');
  const h = await startTestHub({
    clock: () => now,
    hall: hubHall((c) => void (c.identity = { dailyLimitPerPerson: onePerPerson ? 1 : 0 })),
    // Every line the hub logs, at its most talkative.
    log: pino({ level: 'trace' }, new Writable({ write: (chunk: Buffer, _e, done) => (logs.push(chunk.toString('utf8')), done()) })),
  });
  const agent = (await h.agent());
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  const announced = await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'idc-k1', kind: 'idcard', kioskId: 'K1' }] });
  assert.deepEqual(announced, { ok: true });
  return { h, agent };
}

async function swipe(agent: AgentSocket, kiosk: Socket, card: ReturnType<typeof cardOf>): Promise<KioskIdentity> {
  const told = waitFor<KioskIdentity>(kiosk, 'kiosk:identity');
  const sent = await agent.emitWithAck('identity:read', { requestId: rid(), deviceId: 'idc-k1', kioskId: 'K1', card });
  assert.deepEqual(sent, { ok: true });
  return told;
}

test('swipe → the kiosk page sees 张* and takes a number; a second swipe for the same service is refused with 您今日已取A001号', async (t) => {
  const { h, agent } = await hallWithReader(true);
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const adult = cardOf('adult');
  const seen = await swipe(agent, kiosk, adult);
  assert.equal(seen.maskedName, '张*');
  assert.deepEqual([seen.priority, seen.expired, seen.hasAppointment], [false, false, false]);
  const first = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: seen.ref });
  assert.ok(first.ok && first.ticket, JSON.stringify(first));
  assert.equal(first.ticket.number, 'A001');
  // The reference is spent; a fresh swipe of the same card the same day is refused, changing nothing.
  const spent = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: seen.ref });
  assert.deepEqual(spent.ok ? null : [spent.code, spent.message], ['identity-expired', '请重新刷身份证']);
  const again = await swipe(agent, kiosk, adult);
  const tickets = h.hub.core.state.tickets.size;
  const refused = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: again.ref });
  assert.deepEqual(refused.ok ? null : [refused.code, refused.message], ['one-per-person', '您今日已取A001号']);
  assert.equal(h.hub.core.state.tickets.size, tickets);
  // Another service is fine.
  const other = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'DS-01', kind: 'normal', identityRef: again.ref });
  assert.ok(other.ok && other.ticket?.number === 'B001', JSON.stringify(other));
});

test('a 68-year-old swiping gets a priority ticket without asking', async (t) => {
  const { h, agent } = await hallWithReader(false);
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const seen = await swipe(agent, kiosk, cardOf('senior'));
  assert.deepEqual([seen.maskedName, seen.priority], ['李**', true]);
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: seen.ref });
  assert.ok(issued.ok && issued.ticket, JSON.stringify(issued));
  assert.equal(issued.ticket.kind, 'priority');
});

test('an expired card is told to the page and refused a number', async (t) => {
  const { h, agent } = await hallWithReader(false);
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const seen = await swipe(agent, kiosk, cardOf('expired'));
  assert.equal(seen.expired, true);
  const refused = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: seen.ref });
  assert.equal(refused.ok ? null : refused.code, 'id-card-expired');
});

test('a booking made with the ID number checks in by swiping the card', async (t) => {
  const { h, agent } = await hallWithReader(false);
  t.after(() => h.close());
  const adult = cardOf('adult');
  const page = await h.publicClient();
  const booked = await page.emitWithAck('appointment:book', {
    requestId: rid(),
    serviceCode: 'ZJ-01',
    slotStart: at('10:00', '2026-12-01') + 30 * 60_000,
    name: adult.name,
    phone: '13800138000',
    idNumber: adult.idNumber,
  });
  assert.ok(booked.ok, JSON.stringify(booked));
  const kiosk = await h.kiosk();
  const seen = await swipe(agent, kiosk, adult);
  assert.equal(seen.hasAppointment, true);
  const checkedIn = await kiosk.emitWithAck('appointment:checkIn', { requestId: rid(), identityRef: seen.ref });
  assert.ok(checkedIn.ok && checkedIn.ticket, JSON.stringify(checkedIn));
  assert.equal(checkedIn.ticket.kind, 'appointment');
});

test('another kiosk cannot use the reference; an agent not bound to the kiosk, or without a reader there, is refused', async (t) => {
  const { h, agent } = await hallWithReader(false);
  t.after(() => h.close());
  const k1 = await h.kiosk();
  const k2 = await h.kiosk(h.tokens.kioskWithPrinter);
  const both = await agent.emitWithAck('agent:devices', {
    devices: [
      { deviceId: 'idc-k1', kind: 'idcard', kioskId: 'K1' },
      { deviceId: 'prn-k2', kind: 'printer', kioskId: 'K2' },
    ],
  });
  assert.deepEqual(both, { ok: true });
  await waitFor<KioskState>(k2, 'kiosk:state', (s) => s.canIssue, 10_000);
  const seen = await swipe(agent, k1, cardOf('adult'));
  const foreign = await k2.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: seen.ref });
  assert.equal(foreign.ok ? null : foreign.code, 'identity-expired');
  assert.ok(!received(k2).some((r) => r.event === 'kiosk:identity'), 'K2 was never told of the card at K1');
  const noReader = await agent.emitWithAck('identity:read', { requestId: rid(), deviceId: 'idc-k1', kioskId: 'K2', card: cardOf('adult') });
  assert.equal(noReader.ok ? null : noReader.code, 'forbidden');
  const unbound = await agent.emitWithAck('identity:read', { requestId: rid(), deviceId: 'idc-k1', kioskId: 'K9', card: cardOf('adult') });
  assert.equal(unbound.ok ? null : unbound.code, 'device-not-bound');
});

test('no ID number, birth date or full name in clear anywhere: not on the page, not in the database file, not in the logs', async () => {
  const logs: string[] = [];
  const { h, agent } = await hallWithReader(true, logs);
  const cards = [cardOf('adult'), cardOf('senior')];
  const kiosk = await h.kiosk();
  for (const card of cards) {
    const seen = await swipe(agent, kiosk, card);
    await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: seen.ref });
    // Refused the second time: the refusal is audited too.
    const again = await swipe(agent, kiosk, card);
    await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal', identityRef: again.ref });
  }
  // A malformed read is refused and audited: its digits must not land in the audit either.
  const bad = { ...cards[0]!, idNumber: `${cards[0]!.idNumber.slice(0, 17)}Q` };
  await agent.emitWithAck('identity:read', { requestId: rid(), deviceId: 'idc-k1', kioskId: 'K1', card: bad });
  const pageSaw = JSON.stringify(received(kiosk));
  await h.hub.close();
  const file = readFileSync(h.dbPath);
  const wal = (() => {
    try {
      return readFileSync(`${h.dbPath}-wal`);
    } catch {
      return Buffer.alloc(0);
    }
  })();
  for (const card of cards) {
    for (const secret of [card.idNumber, card.idNumber.slice(0, 17), card.name, card.birthDate, card.birthDate.replaceAll('-', '')]) {
      for (const [where, bytes] of [['database file', file], ['WAL', wal]] as const) {
        assert.equal(bytes.includes(Buffer.from(secret, 'utf8')), false, `${where} holds ${secret.length} characters of the card in clear`);
        assert.equal(bytes.includes(Buffer.from(secret, 'utf16le')), false, `${where} holds the card as UTF-16`);
      }
      assert.equal(pageSaw.includes(secret), false, 'the kiosk page was sent card data');
      assert.equal(logs.join('').includes(secret), false, 'the hub logged card data');
    }
  }
  assert.ok(file.length > 0 && logs.length > 0);
  rmSync(h.dir, { recursive: true, force: true });
});
