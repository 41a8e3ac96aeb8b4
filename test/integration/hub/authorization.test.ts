// The hub applies its authorisation decision over real sockets: window 1 reaches for tickets in every
// status at other windows (and waiting for another department) with each counter ticket command and
// is refused with where the ticket truly is, an agent reaches for another window's keypad, caller and
// tickets; each refusal is audited and the hall is exactly as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import type { KioskClientEvents, KioskServerEvents, TicketView } from '../../../main/protocol/index.js';
import { snapshotView } from '../../../main/hub/views.js';
import { auditedRefusalTotal, PASSWORD, rid, startTestHub, type TestHub } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

type Kiosk = Socket<KioskServerEvents, KioskClientEvents>;
type Counter = Awaited<ReturnType<TestHub['counter']>>;
type Reply = { ok: true; ticket?: TicketView } | { ok: false; code: string; message: string };

async function issue(kiosk: Kiosk, serviceCode: string): Promise<TicketView> {
  const r = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ticket!;
}

/** Send a counter command and insist it worked; the ticket it answers with. */
async function ok(counter: Counter, event: string, payload: object = {}): Promise<TicketView | undefined> {
  const r = (await (counter.emitWithAck as (e: string, p: object) => Promise<Reply>)(event, { requestId: rid(), ...payload }));
  assert.ok(r.ok, `${event}: ${JSON.stringify(r)}`);
  return r.ticket;
}

const hallNow = (h: TestHub) => ({
  snapshot: snapshotView(h.hub.core.state, h.hub.core.store.lastSeq),
  lastSeq: h.hub.core.store.lastSeq,
  tickets: sql(h).prepare('SELECT * FROM tickets ORDER BY id, leg').all(),
  ratings: sql(h).prepare('SELECT * FROM ratings').all(),
});
/** Audit rows, each summary of repeated refusals counted as the refusals it stands for (refusal-audit.ts). */
const auditRows = (h: TestHub) => auditedRefusalTotal(h);

test('a window cannot requeue, reprint, cancel or resume a ticket in any status at another window; the refusal says where it is and changes nothing', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const w1 = await h.counter('0101', 1); // GS-01, GS-02
  const w2 = await h.counter('0102', 2); // GS-02, then GS-01
  const w3 = await h.counter('0103', 3); // DS-01
  const w4 = await h.counter('0104', 4); // ZJ-01, then GS-01

  // Every one of these is a service window 1 also serves, so eligibility alone would let it act.
  const [suspended, noShow, done, transferred, cancelled, serving] = [
    await issue(kiosk, 'GS-02'),
    await issue(kiosk, 'GS-02'),
    await issue(kiosk, 'GS-02'),
    await issue(kiosk, 'GS-02'),
    await issue(kiosk, 'GS-02'),
    await issue(kiosk, 'GS-02'),
  ];
  const called = await issue(kiosk, 'GS-01');
  const taxSent = await issue(kiosk, 'DS-01');
  const taxCalled = await issue(kiosk, 'DS-01');
  const call = (w: Counter, tk: TicketView) => ok(w, 'window:callNumber', { number: tk.number });

  await call(w2, suspended);
  await ok(w2, 'window:suspend', { reason: '材料不全' });
  await call(w2, noShow);
  await ok(w2, 'window:skip');
  await call(w2, done);
  await ok(w2, 'window:finish');
  await call(w2, transferred);
  const toTax = (await ok(w2, 'window:transfer', { to: { serviceCode: 'DS-01' }, position: 'tail' }))!; // waits for the tax windows
  await call(w2, cancelled);
  await ok(w2, 'window:suspend', { reason: '材料不全' });
  await ok(w2, 'ticket:cancel', { ticketId: cancelled.id });
  await call(w3, taxSent);
  const toWindow2 = (await ok(w3, 'window:transfer', { to: { windowNo: 2, serviceCode: 'GS-02' }, position: 'head' }))!; // only window 2 may call it
  await call(w3, taxCalled);
  await call(w2, serving);
  await ok(w2, 'window:start');
  await call(w4, called);

  // [ticket id, its status, the code, the message window 1 gets]
  const cases: [string, string, string, string][] = [
    [suspended.id, 'suspended', 'not-your-ticket', `号票${suspended.number}挂起在2号窗口，不是1号窗口的号票`],
    [noShow.id, 'no-show', 'not-your-ticket', `号票${noShow.number}已在2号窗口过号，不是1号窗口的号票`],
    [done.id, 'done', 'not-your-ticket', `号票${done.number}已在2号窗口办结，不是1号窗口的号票`],
    [transferred.id, 'transferred', 'not-your-ticket', `号票${transferred.number}已由2号窗口转办，不是1号窗口的号票`],
    [cancelled.id, 'cancelled', 'not-your-ticket', `号票${cancelled.number}已在2号窗口取消，不是1号窗口的号票`],
    [serving.id, 'serving', 'not-your-ticket', `号票${serving.number}正在2号窗口办理，不是1号窗口的号票`],
    [called.id, 'called', 'not-your-ticket', `号票${called.number}已在4号窗口叫号，不是1号窗口的号票`],
    [toWindow2.id, 'waiting', 'not-your-ticket', `号票${toWindow2.number}已转至2号窗口，不是1号窗口的号票`],
    // Another department's.
    [taxCalled.id, 'called', 'not-your-ticket', `号票${taxCalled.number}已在3号窗口叫号，不是1号窗口的号票`],
    [toTax.id, 'waiting', 'window-not-serving', '1号窗口不办理此类业务'],
  ];
  for (const [id, status] of cases) assert.equal(h.hub.core.state.tickets.get(id)?.status, status, `${id} is ${status}`);

  const before = hallNow(h);
  const audits = auditRows(h);
  const commands = ['ticket:requeue', 'ticket:reprint', 'ticket:cancel', 'window:resumeTicket'] as const;
  for (const command of commands) {
    for (const [ticketId, status, code, message] of cases) {
      const reply = await w1.emitWithAck(command, { requestId: rid(), ticketId });
      assert.deepEqual(reply, { ok: false, code, message }, `${command} of a ${status} ticket`);
    }
  }
  assert.deepEqual(hallNow(h), before, 'the hall is as it was');
  assert.equal(auditRows(h) - audits, commands.length * cases.length, 'each refusal audited once');
  assert.ok(h.hub.core.store.verifyAuditChain().ok);

  // The windows they stand at still can.
  assert.ok((await w2.emitWithAck('ticket:requeue', { requestId: rid(), ticketId: noShow.id })).ok);
  assert.ok((await w2.emitWithAck('ticket:reprint', { requestId: rid(), ticketId: serving.id })).ok);
  assert.ok((await w2.emitWithAck('ticket:cancel', { requestId: rid(), ticketId: toWindow2.id })).ok);
  await ok(w2, 'window:finish');
  assert.ok((await w2.emitWithAck('window:resumeTicket', { requestId: rid(), ticketId: suspended.id })).ok);
});

test('an agent rates, calls and keys only for the windows its devices serve, and rates only tickets served there', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const agent = await h.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  const devices = [
    { deviceId: 'pad-1', kind: 'keypad', windowNo: 1 },
    { deviceId: 'caller-1', kind: 'caller', windowNo: 1 },
    { deviceId: 'led-2', kind: 'led', windowNo: 2 },
  ] as const;
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [...devices] })).ok);
  const kiosk = await h.kiosk();
  const w1 = await h.counter('0101', 1);
  const w2 = await h.counter('0102', 2);
  const atOne = await issue(kiosk, 'GS-01');
  const atTwo = await issue(kiosk, 'GS-02');
  await ok(w1, 'window:callNumber', { number: atOne.number });
  await ok(w1, 'window:finish');
  await ok(w2, 'window:callNumber', { number: atTwo.number });
  await ok(w2, 'window:finish');
  const waiting = await issue(kiosk, 'GS-02');

  const before = hallNow(h);
  const audits = auditRows(h);
  const cases: [string, object, string, string][] = [
    ['keypad:rate', { windowNo: 2, level: 1 }, 'forbidden', '本机没有2号窗口的评价器'],
    ['keypad:rate', { windowNo: 2, level: 1, ticketId: atTwo.id }, 'forbidden', '本机没有2号窗口的评价器'],
    ['keypad:rate', { windowNo: 1, level: 1, ticketId: atTwo.id }, 'not-your-ticket', `号票${atTwo.number}已在2号窗口办结，不是1号窗口的号票`],
    ['keypad:rate', { windowNo: 1, level: 1, ticketId: waiting.id }, 'not-rateable', `号票${waiting.number}尚未办结，暂不能评价`],
    ['caller:key', { windowNo: 2, key: 'next' }, 'forbidden', '本机没有2号窗口的呼叫器'],
    ['caller:key', { windowNo: 3, key: 'next' }, 'forbidden', '本机没有3号窗口的呼叫器'],
  ];
  for (const [event, payload, code, message] of cases) {
    const reply = await (agent.emitWithAck as (e: string, p: object) => Promise<Reply>)(event, { requestId: rid(), ...payload });
    assert.deepEqual(reply, { ok: false, code, message }, `${event} ${JSON.stringify(payload)}`);
  }
  assert.deepEqual(hallNow(h), before, 'the hall is as it was');
  assert.equal(auditRows(h) - audits, cases.length, 'each refusal audited once');

  // Its own window's keypad rates the visitor served there; its caller calls there.
  const rated = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 5, ticketId: atOne.id });
  assert.ok(rated.ok && rated.ticket?.rating?.level === 5, JSON.stringify(rated));
  const next = await agent.emitWithAck('caller:key', { requestId: rid(), windowNo: 1, key: 'next' });
  assert.ok(next.ok && next.ticket?.id === waiting.id, JSON.stringify(next));
});

test('only a chief of the service\'s department authorises a green ticket at the kiosk; a wrong password learns nothing', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const green = (serviceCode: string, staffId: string, password = PASSWORD) =>
    kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode, kind: 'green', authorization: { staffId, password } });
  const before = hallNow(h);
  assert.deepEqual(await green('DS-01', '0901'), { ok: false, code: 'not-authorized-department', message: '0901是市场监管局的首席代表，不能授权“发票领用”的绿色通道' });
  assert.deepEqual(await green('DS-01', '0901', 'wrong-password'), { ok: false, code: 'bad-credentials', message: '工号或密码错误' });
  assert.deepEqual(await green('GS-01', '0902'), { ok: false, code: 'not-authorized', message: '0902无权授权绿色通道' });
  assert.deepEqual(hallNow(h), before);
  const granted = await green('GS-01', '0901');
  assert.ok(granted.ok && granted.ticket?.kind === 'green', JSON.stringify(granted));
});
