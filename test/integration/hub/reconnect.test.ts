// Screens that drop out and come back: a short absence is replayed event by event (gapless), a
// long one or one from a hub that was reset gets a snapshot; either way the screen ends up with
// exactly the hall a screen that never left has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventView, SnapshotView } from '../../../main/protocol/index.js';
import { clone, foldReceived, hallView, type Folded } from '../../helpers/fold.js';
import { received, rid, startTestHub, until, waitFor, type TestHub } from '../../helpers/hub.js';

type Display = Awaited<ReturnType<TestHub['display']>>;

const step = new WeakMap<TestHub, number>();

/** At least n more events from a cycle of commands (issue, issue, call, start, finish); each one succeeds. */
async function busy(h: TestHub, n: number): Promise<void> {
  const kiosk = await h.kiosk();
  const w1 = await h.counter('0101', 1);
  const steps = [
    () => kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' }),
    () => kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-02', kind: 'priority' }),
    () => w1.emitWithAck('window:callNext', { requestId: rid() }),
    () => w1.emitWithAck('window:start', { requestId: rid() }),
    () => w1.emitWithAck('window:finish', { requestId: rid() }),
  ];
  const before = h.hub.core.store.lastSeq;
  while (h.hub.core.store.lastSeq - before < n) {
    const i = step.get(h) ?? 0;
    step.set(h, i + 1);
    const r = await steps[i % steps.length]!();
    assert.ok(r.ok, JSON.stringify(r));
  }
  kiosk.close();
  w1.close();
}

/** Wait until the socket's folded hall reaches seq, and return it. */
async function caughtUp(socket: Display, seq: number): Promise<Folded> {
  await until(socket, (list) => list.some((r) => r.event === 'hall:snapshot') && foldReceived(list).seq >= seq);
  return foldReceived(received(socket));
}

async function freshView(h: TestHub) {
  const d = await h.display();
  const view = hallView(foldReceived([{ event: 'hall:snapshot', payload: await waitFor<SnapshotView>(d, 'hall:snapshot') }]));
  d.close();
  return view;
}

test('a display back after a short absence receives exactly the events it missed, and folds to the same hall as one that stayed', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  await busy(h, 4);
  const stay = await h.display();
  const leave = await h.display();
  await busy(h, 3);
  const left = await caughtUp(leave, h.hub.core.store.lastSeq);
  const lastSeq = left.seq;
  leave.close();

  await busy(h, 15);
  const head = h.hub.core.store.lastSeq;
  assert.ok(head - lastSeq >= 15);
  const back = await h.display(lastSeq);
  await waitFor<HallEventView>(back, 'hall:event', (e) => e.seq === head, 10_000);
  const got = received(back);
  assert.equal(got.filter((r) => r.event === 'hall:snapshot').length, 0, 'a replay, not a snapshot');
  const seqs = got.filter((r) => r.event === 'hall:event').map((r) => (r.payload as HallEventView).seq);
  assert.deepEqual(seqs, Array.from({ length: head - lastSeq }, (_, i) => lastSeq + 1 + i), 'exactly the missed events, in order');

  const resumed = foldReceived(got, clone(left));
  const stayed = await caughtUp(stay, head);
  assert.deepEqual(hallView(resumed), hallView(stayed));
  assert.deepEqual(hallView(stayed), await freshView(h));

  // Live events keep coming to the returned display after the catch-up.
  await busy(h, 1);
  const live = await waitFor<HallEventView>(back, 'hall:event', (e) => e.seq === head + 1, 10_000);
  assert.equal(live.seq, head + 1);
});

test('a display further behind than the replay limit gets a snapshot instead; one exactly at the limit still gets the events', async (t) => {
  const h = await startTestHub({ replayLimit: 5 });
  t.after(() => h.close());
  await busy(h, 3);
  const stay = await h.display();
  const atLimit = foldReceived([{ event: 'hall:snapshot', payload: await waitFor<SnapshotView>(await h.display(), 'hall:snapshot') }]);
  const from = atLimit.seq;

  await busy(h, 5);
  let head = h.hub.core.store.lastSeq;
  assert.equal(head - from, 5, 'exactly at the limit');
  const back = await h.display(from);
  await waitFor(back, 'hall:event', (e: HallEventView) => e.seq === head, 10_000);
  assert.equal(received(back).filter((r) => r.event === 'hall:snapshot').length, 0);
  assert.deepEqual(hallView(foldReceived(received(back), clone(atLimit))), await freshView(h));

  await busy(h, 3);
  head = h.hub.core.store.lastSeq;
  assert.ok(head - from > 5);
  const far = await h.display(from);
  const snapshot = await waitFor<SnapshotView>(far, 'hall:snapshot', () => true, 10_000);
  assert.equal(snapshot.seq, head);
  assert.equal(received(far)[0]?.event, 'hall:snapshot', 'nothing before the snapshot');
  assert.equal(received(far).filter((r) => r.event === 'hall:event').length, 0);
  assert.deepEqual(hallView(foldReceived(received(far))), hallView(await caughtUp(stay, head)));
});

test('a display whose lastSeq is ahead of the hub (the hub was reset onto a fresh database) gets a snapshot', async (t) => {
  const old = await startTestHub();
  await busy(old, 6);
  const d = await old.display();
  const lastSeq = (await caughtUp(d, old.hub.core.store.lastSeq)).seq;
  await old.close();

  const h = await startTestHub();
  t.after(() => h.close());
  assert.equal(h.hub.core.store.lastSeq, 0);
  const back = await h.display(lastSeq);
  const snapshot = await waitFor<SnapshotView>(back, 'hall:snapshot');
  assert.equal(snapshot.seq, 0);
  assert.deepEqual(snapshot.tickets, []);
  // And it follows the new hub from there.
  await busy(h, 1);
  const first = await waitFor<HallEventView>(back, 'hall:event', () => true, 10_000);
  assert.equal(first.seq, 1);
});
