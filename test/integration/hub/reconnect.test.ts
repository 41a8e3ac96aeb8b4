// Screens that drop out and come back: a short absence is replayed (gapless: one catch-up frame
// covering exactly what was missed), a long one or one from a hub that was reset gets a snapshot;
// either way the screen ends up with exactly the hall a screen that never left has — the whole hall
// for a supervisor's console, its own part for a display or a counter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import type { HallEventView, HallFrame, SnapshotView } from '../../../main/protocol/index.js';
import { callsView, clone, foldReceived, hallView, type Folded } from '../../helpers/fold.js';
import { received, rid, startTestHub, until, waitFor, type TestHub } from '../../helpers/hub.js';

/** A screen that follows the hall, connecting with the lastSeq it holds. */
type Watch = (lastSeq?: number) => Promise<Socket>;
/** The supervisors' console: every event of the hall. */
const everything = (h: TestHub): Watch => (lastSeq) => h.supervise('0902', lastSeq);

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
async function caughtUp(socket: Socket, seq: number): Promise<Folded> {
  await until(socket, (list) => list.some((r) => r.event === 'hall:snapshot') && foldReceived(list).seq >= seq);
  return foldReceived(received(socket));
}

async function freshView(watch: Watch) {
  const d = await watch();
  const view = hallView(foldReceived([{ event: 'hall:snapshot', payload: await waitFor<SnapshotView>(d, 'hall:snapshot') }]));
  d.close();
  return view;
}

const frames = (socket: Socket) => received(socket).filter((r) => r.event === 'hall:events').map((r) => r.payload as HallFrame);

test('a console back after a short absence receives exactly the events it missed, and folds to the same hall as one that stayed', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const watch = everything(h);
  await busy(h, 4);
  const stay = await watch();
  const leave = await watch();
  await busy(h, 3);
  const left = await caughtUp(leave, h.hub.core.store.lastSeq);
  const lastSeq = left.seq;
  leave.close();

  await busy(h, 15);
  const head = h.hub.core.store.lastSeq;
  assert.ok(head - lastSeq >= 15);
  const back = await watch(lastSeq);
  const catchUp = await waitFor<HallFrame>(back, 'hall:events', () => true, 10_000);
  assert.deepEqual([catchUp.after, catchUp.seq], [lastSeq, head], 'one frame, covering exactly the absence');
  assert.equal(received(back).filter((r) => r.event === 'hall:snapshot').length, 0, 'a replay, not a snapshot');
  assert.deepEqual(catchUp.events.map((e) => e.seq), Array.from({ length: head - lastSeq }, (_, i) => lastSeq + 1 + i), 'exactly the missed events, in order');

  const resumed = foldReceived(received(back), clone(left));
  const stayed = await caughtUp(stay, head);
  assert.deepEqual(hallView(resumed), hallView(stayed));
  assert.deepEqual(hallView(stayed), await freshView(watch));

  // Live events keep coming to the returned console after the catch-up.
  await busy(h, 1);
  const live = await waitFor<HallEventView>(back, 'hall:event', (e) => e.seq === head + 1, 10_000);
  assert.equal(live.seq, head + 1);
});

test('a display or a counter back after an absence gets its part of what it missed in one frame, and folds to what a fresh one sees', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  // A hall display follows the calls; window 4's counter its window and its services' lines (not GS-02's).
  const screens: [string, Watch, (f: Folded) => unknown][] = [
    ['display', (lastSeq) => h.display(lastSeq), callsView],
    ['counter', (lastSeq) => h.counterSession('0102', 4, lastSeq), hallView],
  ];
  await busy(h, 3);
  for (const [name, watch, view] of screens) {
    const leave = await watch();
    const left = await caughtUp(leave, h.hub.core.store.lastSeq);
    leave.close();
    await busy(h, 6);
    const head = h.hub.core.store.lastSeq;
    const back = await watch(left.seq);
    const catchUp = await waitFor<HallFrame>(back, 'hall:events', () => true, 10_000);
    assert.deepEqual([catchUp.after, catchUp.seq], [left.seq, head], name);
    assert.ok(catchUp.events.length > 0 && catchUp.events.length < head - left.seq, `${name}: only its part`);
    const resumed = foldReceived(received(back), clone(left));
    assert.equal(resumed.seq, head);
    const fresh = await watch();
    const snapshot = foldReceived([{ event: 'hall:snapshot', payload: await waitFor<SnapshotView>(fresh, 'hall:snapshot') }]);
    fresh.close();
    assert.deepEqual(view(resumed), view(snapshot), name);
    back.close();
  }
});

test('a display further behind than the replay limit gets a snapshot instead; one exactly at the limit still gets the events', async (t) => {
  const h = await startTestHub({ replayLimit: 5 });
  t.after(() => h.close());
  await busy(h, 3);
  const watch = everything(h);
  const stay = await watch();
  const atLimit = foldReceived([{ event: 'hall:snapshot', payload: await waitFor<SnapshotView>(await watch(), 'hall:snapshot') }]);
  const from = atLimit.seq;

  await busy(h, 5);
  let head = h.hub.core.store.lastSeq;
  assert.equal(head - from, 5, 'exactly at the limit');
  const back = await watch(from);
  await waitFor(back, 'hall:event', (e: HallEventView) => e.seq === head, 10_000);
  assert.equal(received(back).filter((r) => r.event === 'hall:snapshot').length, 0);
  assert.deepEqual(hallView(foldReceived(received(back), clone(atLimit))), await freshView(watch));

  await busy(h, 3);
  head = h.hub.core.store.lastSeq;
  assert.ok(head - from > 5);
  const far = await watch(from);
  const snapshot = await waitFor<SnapshotView>(far, 'hall:snapshot', () => true, 10_000);
  assert.equal(snapshot.seq, head);
  assert.equal(received(far)[0]?.event, 'hall:snapshot', 'nothing before the snapshot');
  assert.equal(frames(far).length, 0);
  assert.deepEqual(hallView(foldReceived(received(far))), hallView(await caughtUp(stay, head)));
});

test('a display whose lastSeq is ahead of the hub (the hub was reset onto a fresh database) gets a snapshot', async (t) => {
  const old = await startTestHub();
  await busy(old, 6);
  const d = await everything(old)();
  const lastSeq = (await caughtUp(d, old.hub.core.store.lastSeq)).seq;
  await old.close();

  const h = await startTestHub();
  t.after(() => h.close());
  assert.equal(h.hub.core.store.lastSeq, 0);
  const back = await everything(h)(lastSeq);
  const snapshot = await waitFor<SnapshotView>(back, 'hall:snapshot');
  assert.equal(snapshot.seq, 0);
  assert.deepEqual(snapshot.tickets, []);
  // And it follows the new hub from there.
  await busy(h, 1);
  const first = await waitFor<HallEventView>(back, 'hall:event', () => true, 10_000);
  assert.equal(first.seq, 1);
});
