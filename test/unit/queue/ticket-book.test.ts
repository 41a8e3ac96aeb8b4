// The ticket book's indexes answer exactly what a scan of the day would, after any sequence of
// changes (a property test over random sets and deletes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TicketBook } from '../../../main/queue/ticket-book.js';
import type { Ticket, TicketStatus } from '../../../main/queue/index.js';

const statuses: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no-show', 'transferred', 'suspended', 'cancelled', 'expired'];

const change = fc.record({
  id: fc.integer({ min: 1, max: 12 }),
  remove: fc.boolean(),
  status: fc.constantFrom(...statuses),
  service: fc.constantFrom('A', 'B', 'C'),
  target: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  visit: fc.integer({ min: 1, max: 5 }),
  leg: fc.integer({ min: 1, max: 2 }),
  kind: fc.constantFrom('normal', 'appointment'),
  kiosk: fc.option(fc.constantFrom('K1', 'K2'), { nil: undefined }),
  day: fc.constantFrom('2026-12-01', '2026-12-02'),
  at: fc.integer({ min: 0, max: 100 }),
});

type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

function ticketOf(c: Change, first?: Ticket): Ticket {
  // Fields fixed when a ticket is first made stay as they were (a ticket's service, kind, kiosk
  // and day do not change in place; its status, target window and times do).
  const base = first ?? {
    id: `t${c.id}`, visitId: `v${c.visit}`, leg: c.leg, day: c.day, number: `A${c.id}`, prefix: 'A', seq: c.id, serviceCode: c.service,
    kind: c.kind, issuedAt: c.at, queuedAt: c.at, rank: c.at, lane: 'normal', recalls: 0, reprints: 0, noShows: 0, token: 'k',
    ...(c.kiosk !== undefined && { kioskId: c.kiosk }),
  };
  const { targetWindow: _t, ...rest } = base as Ticket;
  return { ...rest, status: c.status, ...(c.target !== undefined && { targetWindow: c.target }) };
}

test('the indexes agree with a scan after any sequence of sets and deletes', () => {
  fc.assert(
    fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
      const book = new TicketBook();
      const firsts = new Map<string, Ticket>();
      for (const c of changes) {
        const id = `t${c.id}`;
        if (c.remove) {
          book.delete(id);
          firsts.delete(id);
          continue;
        }
        const t = ticketOf(c, firsts.get(id));
        if (!firsts.has(id)) firsts.set(id, t);
        book.set(id, t);
      }
      const all = [...book.values()];
      const ids = (ts: Iterable<Ticket>) => [...ts].map((t) => t.id).sort();
      for (const s of ['A', 'B', 'C']) {
        assert.deepEqual(ids(book.waiting(s)), ids(all.filter((t) => t.status === 'waiting' && t.serviceCode === s)));
        for (const day of ['2026-12-01', '2026-12-02']) {
          assert.equal(book.issuedCount(day, s), all.filter((t) => t.day === day && t.serviceCode === s && t.leg === 1 && t.kind !== 'appointment').length);
        }
      }
      for (const w of [1, 2, 3]) assert.deepEqual(ids(book.waitingAt(w)), ids(all.filter((t) => t.status === 'waiting' && t.targetWindow === w)));
      for (let v = 1; v <= 5; v++) assert.deepEqual(ids(book.legsOf(`v${v}`)), ids(all.filter((t) => t.visitId === `v${v}`)));
    }),
    { numRuns: 300 },
  );
});

test("a kiosk's count is of its first legs issued after the moment asked, kept short as the day goes on", () => {
  const book = new TicketBook();
  const t = (i: number, over: Partial<Ticket> = {}) =>
    ({ id: `t${i}`, visitId: `v${i}`, leg: 1, day: 'd', number: `A${i}`, prefix: 'A', seq: i, serviceCode: 'A', kind: 'normal', status: 'waiting', issuedAt: i * 1000, queuedAt: 0, rank: i, lane: 'normal', recalls: 0, reprints: 0, noShows: 0, token: 'k', kioskId: 'K1', ...over }) as Ticket;
  for (let i = 1; i <= 500; i++) book.set(`t${i}`, t(i));
  book.set('x', t(501, { id: 'x', leg: 2 }));
  assert.equal(book.issuedBy('K1', 490_000), 10);
  assert.equal(book.issuedBy('K1', 495_500), 5);
  assert.equal(book.issuedBy('K2', 0), 0);
  // An update of a ticket already counted does not count it again.
  book.set('t500', { ...t(500), status: 'called' });
  assert.equal(book.issuedBy('K1', 495_500), 5);
});
