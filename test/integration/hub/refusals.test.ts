// What the hub refuses, and that refusing costs nothing: bad handshakes on every namespace, staff
// reaching for another window's tickets, oversized, mistyped, unknown and ack-less commands, and
// thousands of random and near-valid payloads against every command of every role. Each one gets
// a code and a Chinese message, is audited, and leaves the hall as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import {
  agentCommands,
  counterCommands,
  kioskCommands,
  publicCommands,
  superviseCommands,
  type CommandTable,
} from '../../../main/protocol/index.js';
import { snapshotView } from '../../../main/hub/views.js';
import { auditedRefusals, auditedRefusalTotal, connect, rid, startTestHub, type TestHub } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

const zh = /[\u4e00-\u9fff]/;
type Loose = Socket<Record<string, (...args: unknown[]) => void>, Record<string, (...args: unknown[]) => void>>;
const loose = (s: unknown) => s as Loose;

/** Audit rows, each summary of repeated refusals counted as the refusals it stands for. */
const auditRows = (h: TestHub) => auditedRefusalTotal(h);
const rawAuditRows = (h: TestHub) => (sql(h).prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
/** Everything a client could see of the hall, plus what only the store holds. */
const hallNow = (h: TestHub) => {
  const db = sql(h);
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    snapshot: snapshotView(h.hub.core.state, h.hub.core.store.lastSeq),
    lastSeq: h.hub.core.store.lastSeq,
    tickets: count('tickets'),
    appointments: count('appointments'),
    complaints: count('complaints'),
    ratings: count('ratings'),
    commands: count('commands'),
  };
};

async function refusedConnect(url: string, nsp: string, auth: object): Promise<{ code: string; message: string }> {
  const err = await connect(url, nsp, auth).then(
    () => assert.fail(`${nsp} accepted ${JSON.stringify(auth)}`),
    (e: Error & { data?: { code: string; message: string } }) => e,
  );
  assert.ok(err.data, `${nsp}: the refusal carries a reason`);
  assert.match(err.data.message, zh);
  return err.data;
}

function assertRefused(reply: unknown, what: string): void {
  const r = reply as { ok?: unknown; code?: unknown; message?: unknown };
  assert.equal(r.ok, false, `${what} was not refused: ${JSON.stringify(reply)?.slice(0, 300)}`);
  assert.equal(typeof r.code, 'string', what);
  assert.ok(typeof r.message === 'string' && zh.test(r.message), `${what}: message ${String(r.message)}`);
}

test('handshakes: no token, a wrong token, an expired session and another role\'s token are refused on every namespace, and audited', async (t) => {
  let now = Date.now();
  const h = await startTestHub({ clock: () => now });
  t.after(() => h.close());
  const staff = (await h.login('0101')).token;
  const supervisor = (await h.login('0902')).token;
  const issued = await (await h.kiosk()).emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok);
  const before = auditRows(h);
  const wrong = 'w'.repeat(32);
  const cases: [string, object, string][] = [
    ['/kiosk', {}, 'bad-handshake'],
    ['/display', {}, 'bad-handshake'],
    ['/agent', {}, 'bad-handshake'],
    ['/counter', { windowNo: 1 }, 'bad-handshake'],
    ['/supervise', {}, 'bad-handshake'],
    ['/ticket', {}, 'bad-handshake'],
    ['/kiosk', { token: wrong }, 'unauthorized'],
    ['/display', { token: wrong }, 'unauthorized'],
    ['/agent', { token: wrong }, 'unauthorized'],
    ['/counter', { token: wrong, windowNo: 1 }, 'unauthorized'],
    ['/supervise', { token: wrong }, 'unauthorized'],
    ['/ticket', { visitId: 'no-such-visit', token: wrong }, 'unknown-ticket'],
    ['/ticket', { visitId: issued.ticket!.visitId, token: wrong }, 'unknown-ticket'],
    // Another role's token.
    ['/kiosk', { token: h.tokens.display }, 'unauthorized'],
    ['/display', { token: h.tokens.agent }, 'unauthorized'],
    ['/agent', { token: h.tokens.kiosk }, 'unauthorized'],
    ['/kiosk', { token: staff }, 'unauthorized'],
    ['/counter', { token: h.tokens.kiosk, windowNo: 1 }, 'unauthorized'],
    ['/supervise', { token: h.tokens.display }, 'unauthorized'],
    ['/supervise', { token: staff }, 'forbidden'],
    // Malformed: a wrong type, an extra field.
    ['/counter', { token: staff, windowNo: '1' }, 'bad-handshake'],
    ['/kiosk', { token: h.tokens.kiosk, admin: true }, 'bad-handshake'],
  ];
  for (const [nsp, auth, code] of cases) {
    const reason = await refusedConnect(h.url, nsp, auth);
    assert.equal(reason.code, code, `${nsp} ${JSON.stringify(auth)}`);
  }
  // Twelve hours on, the sessions have lapsed.
  now += 12 * 60 * 60_000 + 1000;
  assert.equal((await refusedConnect(h.url, '/counter', { token: staff, windowNo: 1 })).code, 'unauthorized');
  assert.equal((await refusedConnect(h.url, '/supervise', { token: supervisor })).code, 'unauthorized');

  assert.equal(auditRows(h), before + cases.length + 2, 'every refused connection is audited once');
  assert.deepEqual(h.hub.core.store.verifyAuditChain().ok, true);
});

test('staff cannot resume a ticket suspended at another window, call one called elsewhere, or cancel one not theirs', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  for (let i = 0; i < 3; i++) assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  const b1 = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'DS-01', kind: 'normal' });
  const w1 = await h.counter('0101', 1);
  const w2 = await h.counter('0102', 2);
  const w3 = await h.counter('0103', 3);
  const a1 = await w1.emitWithAck('window:callNext', { requestId: rid() });
  assert.ok(a1.ok && (await w1.emitWithAck('window:suspend', { requestId: rid(), reason: '材料不全' })).ok);
  const a2 = await w1.emitWithAck('window:callNext', { requestId: rid() });
  assert.ok(a2.ok);
  const before = hallNow(h);
  const audits = auditRows(h);

  const resume = await w2.emitWithAck('window:resumeTicket', { requestId: rid(), ticketId: a1.ticket!.id });
  assertRefused(resume, 'resume elsewhere');
  assert.equal(resume.ok || resume.code, 'not-your-ticket');
  assert.match(resume.ok ? '' : resume.message, /1号窗口/);
  const callTaken = await w2.emitWithAck('window:callNumber', { requestId: rid(), number: a2.ticket!.number });
  assertRefused(callTaken, 'call a ticket called elsewhere');
  assert.equal(callTaken.ok || callTaken.code, 'ticket-not-waiting');
  const cancel = await w3.emitWithAck('ticket:cancel', { requestId: rid(), ticketId: a1.ticket!.id });
  assertRefused(cancel, 'cancel another window\'s ticket');
  assert.equal(cancel.ok || cancel.code, 'not-your-ticket');
  const requeue = await w1.emitWithAck('ticket:requeue', { requestId: rid(), ticketId: b1.ok ? b1.ticket!.id : '' });
  assert.equal(requeue.ok || requeue.code, 'window-not-serving');

  const after = hallNow(h);
  assert.deepEqual(after.snapshot, before.snapshot);
  assert.equal(after.lastSeq, before.lastSeq);
  assert.equal(auditRows(h), audits + 4, 'each refusal audited');
  // The suspending window still can.
  assert.ok((await w1.emitWithAck('window:finish', { requestId: rid() })).ok);
  assert.ok((await w1.emitWithAck('window:resumeTicket', { requestId: rid(), ticketId: a1.ticket!.id })).ok);
});

test('oversized, mistyped, unknown and ack-less commands are refused or dropped, audited, and the hub keeps serving', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = loose(await h.kiosk());
  const counter = loose(await h.counter('0101', 1));
  const display = loose(await h.display());
  const before = hallNow(h);
  const audits = auditRows(h);
  let expected = 0;
  const send = async (s: Loose, event: string, ...args: unknown[]) => {
    expected++;
    const reply = (await s.timeout(10_000).emitWithAck(event, ...args)) as unknown;
    assertRefused(reply, `${event} ${JSON.stringify(args).slice(0, 80)}`);
    return reply as { code: string; message: string };
  };

  // A 100 kB string field, under the socket's frame limit: refused by the schema, not stored.
  const huge = 'x'.repeat(100 * 1024);
  assert.equal((await send(kiosk, 'ticket:issue', { requestId: rid(), serviceCode: huge, kind: 'normal' })).code, 'invalid-payload');
  assert.equal((await send(counter, 'window:suspend', { requestId: rid(), reason: '原因'.repeat(17 * 1024) })).code, 'invalid-payload');
  const longId = await send(kiosk, 'ticket:issue', { requestId: huge, serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(longId.message.length < 300, 'the echo of a bad field is kept short');
  // Wrong types and shapes.
  for (const payload of [null, 42, 'GS-01', [], { requestId: 123, serviceCode: 'GS-01', kind: 'normal' }, { requestId: rid(), serviceCode: 'GS-01', kind: 'vip' }]) {
    assert.equal((await send(kiosk, 'ticket:issue', payload)).code, 'invalid-payload');
  }
  assert.equal((await send(counter, 'window:callNext', { requestId: rid() }, 'extra')).code, 'invalid-payload');
  assert.equal((await send(counter, 'window:callNext')).code, 'invalid-payload');
  // Unknown events, including another role's commands and the hub's own event names.
  for (const [s, event] of [[kiosk, 'window:callNext'], [counter, 'ticket:issue'], [display, 'ticket:issue'], [kiosk, 'hall:snapshot'], [counter, '__proto__'], [kiosk, 'x'.repeat(500)]] as const) {
    const r = await send(s, event, { requestId: rid() });
    assert.equal(r.code, 'unknown-command');
    assert.ok(r.message.length < 100);
  }
  // No ack: nothing runs, the attempt is audited.
  counter.emit('window:callNext', { requestId: rid() });
  kiosk.emit('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  expected += 2;
  // Larger than the hub's frame limit (maxHttpBufferSize): the hub drops that connection only.
  const big = loose(await h.kiosk());
  const dropped = new Promise((resolve) => big.once('disconnect', resolve));
  big.emit('ticket:issue', { requestId: rid(), serviceCode: 'y'.repeat(300 * 1024), kind: 'normal' }, () => assert.fail('no reply expected'));
  await dropped;
  expected++;

  // Audited once each (the ack-less ones arrive in order behind the last acknowledged command; the
  // dropped frame once the hub has noticed the broken connection).
  assert.ok((await send(kiosk, 'no-such-command', {})).code === 'unknown-command');
  const frames = () => auditedRefusals(h)['payload-too-large'] ?? 0;
  for (const end = Date.now() + 10_000; frames() === 0 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
  assert.equal(frames(), 1, 'the dropped frame is audited');
  assert.equal(auditRows(h) - audits, expected);
  const after = hallNow(h);
  assert.deepEqual(after, before);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);
  // Still serving, on the old connections and a new one.
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' }) as { ok: boolean }).ok);
  assert.ok((await counter.emitWithAck('window:callNext', { requestId: rid() }) as { ok: boolean }).ok);
  const fresh = await h.kiosk();
  assert.ok((await fresh.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
});

// ---- fuzz ----

/** One valid payload per command: the base the near-valid mutations start from. */
const validPayloads: Record<string, Record<string, object>> = {
  kiosk: {
    'ticket:issue': { requestId: 'req-00000001', serviceCode: 'GS-01', kind: 'green', authorization: { staffId: '0901', password: 'secret-pw' } },
    'appointment:checkIn': { requestId: 'req-00000002', code: '123456' },
    'kiosk:unlock': { requestId: 'req-00000024', pin: '123456' },
  },
  counter: {
    'window:callNext': { requestId: 'req-00000003' },
    'window:callNumber': { requestId: 'req-00000004', number: 'A001' },
    'window:recall': { requestId: 'req-00000005' },
    'window:start': { requestId: 'req-00000006' },
    'window:finish': { requestId: 'req-00000007' },
    'window:skip': { requestId: 'req-00000008' },
    'window:transfer': { requestId: 'req-00000009', to: { windowNo: 2, serviceCode: 'GS-02' }, position: 'head', note: '转窗' },
    'window:suspend': { requestId: 'req-00000010', reason: '材料不全' },
    'window:resumeTicket': { requestId: 'req-00000011', ticketId: 'ticket-1' },
    'window:pause': { requestId: 'req-00000012', reason: '午休' },
    'window:resume': { requestId: 'req-00000013' },
    'window:signIn': { requestId: 'req-00000027' },
    'window:signOut': { requestId: 'req-00000014' },
    'ticket:requeue': { requestId: 'req-00000015', ticketId: 'ticket-1' },
    'ticket:reprint': { requestId: 'req-00000016', ticketId: 'ticket-1' },
    'ticket:cancel': { requestId: 'req-00000017', ticketId: 'ticket-1' },
    'ticket:issueGreen': { requestId: 'req-00000018', serviceCode: 'GS-01' },
  },
  agent: {
    'agent:devices': { devices: [{ deviceId: 'printer-1', kind: 'printer', kioskId: 'K1', windowNo: 1 }] },
    'device:health': { deviceId: 'printer-1', online: true, canPrint: true, paper: 'ok', coverOpen: false, message: '正常' },
    'keypad:rate': { requestId: 'req-00000019', windowNo: 1, level: 5, ticketId: 'ticket-1' },
    'caller:key': { requestId: 'req-00000020', windowNo: 1, key: 'next' },
    'scan:code': { requestId: 'req-00000026', deviceId: 'scan-1', kioskId: 'K1', text: '123456' },
    'identity:read': {
      requestId: 'req-00000025',
      deviceId: 'idc-1',
      kioskId: 'K1',
      card: { idNumber: '110105199003151234', name: '张伟', birthDate: '1990-03-15', validTo: null },
    },
  },
  supervise: {
    'complaint:file': { requestId: 'req-00000021', text: '态度不好', ticketId: 'ticket-1', windowNo: 1, staffId: '0101', contact: '13800138000' },
    'alarm:acknowledge': { requestId: 'req-00000031', key: 'wait-breach:service:GS-01' },
    'followUp:callback': { requestId: 'req-00000032', id: 'fu-1', reached: true, note: '已电话回访' },
    'followUp:rectify': { requestId: 'req-00000033', id: 'fu-1', note: '已组织业务培训' },
    'followUp:close': { requestId: 'req-00000034', id: 'fu-1' },
    'rating:appeal': { requestId: 'req-00000035', ticketId: 'ticket-1', reason: '群众误按' },
    'rating:decideAppeal': { requestId: 'req-00000036', ticketId: 'ticket-1', upheld: false, note: '维持评价' },
  },
  public: {
    'appointment:slots': { serviceCode: 'ZJ-01', date: '2026-12-01' },
    'appointment:book': { requestId: 'req-00000022', serviceCode: 'ZJ-01', slotStart: 1_764_554_400_000, name: '张三', phone: '13800138000', idNumber: '110101199003071234' },
    'appointment:cancel': { requestId: 'req-00000023', code: '123456' },
  },
};
const tables: Record<string, CommandTable> = { kiosk: kioskCommands, counter: counterCommands, agent: agentCommands, supervise: superviseCommands, public: publicCommands };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => paths(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
  return [at];
}
const clone = <T>(v: T): T => structuredClone(v);
function getAt(v: unknown, p: Path): unknown {
  return p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], v);
}
function setAt(root: unknown, p: Path, value: unknown): unknown {
  if (p.length === 0) return value;
  const parent = getAt(root, p.slice(0, -1)) as Record<string | number, unknown>;
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(p.at(-1) as number, 1);
    else delete parent[p.at(-1)!];
  } else parent[p.at(-1)!] = value;
  return root;
}
const DELETE = Symbol('delete');

/** A valid payload with one thing wrong: a field dropped, retyped, overlong or out of range, or an extra key. */
function nearValid(base: object): fc.Arbitrary<unknown> {
  const all = paths(base);
  const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant(DELETE),
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -1, 1.5, 1000, 6, Number.MAX_SAFE_INTEGER),
    fc.string({ maxLength: 12 }),
    fc.string({ minLength: 2001, maxLength: 2100 }),
    fc.constantFrom('', ' ', '0'.repeat(65), '<script>', '１２３４５６', 'A001\u0000', '💥'.repeat(40)),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  );
  const objects = all.filter((p) => {
    const v = getAt(base, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  return fc.oneof(
    fc.tuple(fc.constantFrom(...all), wrongValue).map(([p, v]) => setAt(clone(base), p, v)),
    fc.tuple(fc.constantFrom(...objects), fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })).map(([p, k, v]) => {
      const copy = clone(base);
      const target = getAt(copy, p) as Record<string, unknown>;
      // An own property even for "__proto__" (a plain assignment would set the prototype).
      Object.defineProperty(target, Object.hasOwn(target, k) ? `${k}_x` : k, { value: v, enumerable: true, writable: true, configurable: true });
      return copy;
    }),
    // Two things wrong at once.
    fc.tuple(fc.constantFrom(...all), wrongValue, fc.constantFrom(...all), wrongValue).map(([p1, v1, p2, v2]) => {
      const once = setAt(clone(base), p1, v1);
      try {
        return setAt(once, p2, v2);
      } catch {
        return once;
      }
    }),
  );
}

/** What the hub receives of a value: socket.io sends JSON (a "__proto__" key set on an object
 * changes its prototype here but is dropped on the wire, so judge validity on the wire form). */
const onWire = (v: unknown): unknown => {
  const text = JSON.stringify(v);
  return text === undefined ? null : JSON.parse(text);
};

/** Anything a socket could carry: arbitrary JSON, or a near-valid payload; never a valid one. */
function invalidFor(role: string, command: string): fc.Arbitrary<unknown> {
  const schema = tables[role]![command]!;
  return fc
    .oneof(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, nearValid(validPayloads[role]![command]!), nearValid(validPayloads[role]![command]!))
    .map(onWire)
    .filter((p) => !schema.safeParse(p).success);
}

test('fuzz: thousands of random and near-valid payloads against every command of every role are refused, audited, and change nothing', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const sockets: Record<string, Loose> = {
    kiosk: loose(await h.kiosk()),
    counter: loose(await h.counter('0101', 1)),
    agent: loose(await h.agent()),
    supervise: loose(await h.supervise('0902')),
    public: loose(await h.publicClient()),
  };
  const display = loose(await h.display());
  // Some hall to protect: a waiting ticket, a called one.
  const kiosk = await h.kiosk();
  for (let i = 0; i < 2; i++) assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  assert.ok((await sockets.counter!.emitWithAck('window:callNext', { requestId: rid() }) as { ok: boolean }).ok);

  // Every table's valid base really is valid, or the mutations prove nothing.
  for (const [role, commands] of Object.entries(validPayloads)) {
    assert.deepEqual(Object.keys(commands).sort(), Object.keys(tables[role]!).sort(), `${role}: a base payload for every command`);
    for (const [command, payload] of Object.entries(commands)) assert.ok(tables[role]![command]!.safeParse(payload).success, `${role} ${command}`);
  }

  const before = hallNow(h);
  const audits = auditRows(h);
  const rows = rawAuditRows(h);
  let sent = 0;
  const RUNS = 100;
  await Promise.all(
    Object.entries(validPayloads).map(async ([role, commands]) => {
      const socket = sockets[role]!;
      for (const command of Object.keys(commands)) {
        await fc.assert(
          fc.asyncProperty(invalidFor(role, command), async (payload) => {
            sent++;
            assertRefused(await socket.timeout(10_000).emitWithAck(command, payload), `${role} ${command} ${JSON.stringify(payload)?.slice(0, 200)}`);
          }),
          { numRuns: RUNS },
        );
      }
    }),
  );
  // Random event names on every namespace, the display's included (it takes no commands at all).
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...Object.keys(sockets), 'display'),
      fc.string({ minLength: 1, maxLength: 60 }).filter((e) => !['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'].includes(e)),
      fc.jsonValue({ maxDepth: 2 }),
      async (role, event, payload) => {
        const table = tables[role];
        fc.pre(!table || !Object.hasOwn(table, event));
        sent++;
        const socket = role === 'display' ? display : sockets[role]!;
        assertRefused(await socket.timeout(10_000).emitWithAck(event, payload), `${role} '${event}'`);
      },
    ),
    { numRuns: 300 },
  );
  assert.ok(sent >= 2500, `sent ${sent}`);

  const after = hallNow(h);
  const newCommands = sql(h).prepare('SELECT request_id, type, actor, response FROM commands ORDER BY rowid').all().slice(before.commands);
  assert.deepEqual(after, before, `the hall is as it was; commands run: ${JSON.stringify(newCommands)}`);
  assert.equal(auditRows(h) - audits, sent, 'every refusal accounted for once');
  // Six sources (kiosk, counter, agent, supervisor, public client, display): each writes its first
  // few refusals of a minute and one summary row, not a row per refusal.
  assert.ok(rawAuditRows(h) - rows <= 6 * 2 * 6, `the storm wrote ${rawAuditRows(h) - rows} audit rows for ${sent} refusals`);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);
  // A valid command after the storm works.
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok, JSON.stringify(issued));
  assert.equal(issued.ticket?.number, 'A003');
});
