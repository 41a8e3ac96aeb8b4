// The screens' outbox (renderer/src/lib/outbox.ts): a command keeps its requestId until answered —
// sent when the link is up, sent again with the same id after an ack timeout or a reconnect, never
// given up on by itself; a caller's abort stops it and drops a late answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ABANDONED, Outbox, type Link } from '../../../renderer/src/lib/outbox.js';

/** A link the test drives: it records every send; `up`/`down` connect and drop like Socket.IO does. */
class TestLink implements Link {
  connected = false;
  readonly sent: { event: string; payload: object; timeoutMs: number; answer: (r: unknown) => void; fail: () => void }[] = [];
  private readonly listeners = new Set<() => void>();
  private unanswered: (() => void)[] = [];

  send(event: string, payload: object, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const fail = () => reject(new Error('no answer'));
      this.sent.push({ event, payload, timeoutMs, answer: resolve, fail });
      this.unanswered.push(fail);
    });
  }
  onConnect(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  up(): void {
    this.connected = true;
    for (const l of [...this.listeners]) l();
  }
  /** Socket.IO fails every ack still waiting when the connection closes. */
  down(): void {
    this.connected = false;
    for (const fail of this.unanswered.splice(0)) fail();
  }
  ids(): string[] {
    return this.sent.map((s) => (s.payload as { requestId: string }).requestId);
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const ok = { ok: true, ticket: { number: 'A001' } };

test('a command sent while the link is down waits, goes out on connect and resolves with the answer', async () => {
  const link = new TestLink();
  const outbox = new Outbox(link, 8000);
  const answer = outbox.send('ticket:issue', { requestId: 'req-00000001', serviceCode: 'GS-01' });
  await settle();
  assert.equal(link.sent.length, 0, 'nothing sent while down');
  link.up();
  assert.equal(link.sent.length, 1);
  assert.deepEqual(link.sent[0]!.payload, { requestId: 'req-00000001', serviceCode: 'GS-01' });
  assert.equal(link.sent[0]!.timeoutMs, 8000);
  link.sent[0]!.answer(ok);
  assert.deepEqual(await answer, ok);
});

test('an answer lost to a dropped link is asked for again after the reconnect, with the same requestId', async () => {
  const link = new TestLink();
  link.up();
  const outbox = new Outbox(link, 8000);
  let settled: unknown;
  const answer = outbox.send('window:callNext', { requestId: 'req-00000002' }).then((r) => (settled = r));
  link.down();
  await settle();
  assert.equal(settled, undefined, 'no give-up while the hub may have applied it');
  assert.equal(link.sent.length, 1, 'not resent while down');
  link.up();
  assert.deepEqual(link.ids(), ['req-00000002', 'req-00000002']);
  link.sent[1]!.answer(ok);
  assert.deepEqual(await answer, ok);
  link.down();
  link.up();
  assert.equal(link.sent.length, 2, 'an answered command is never sent again');
});

test('no answer within the ack timeout while up: sent again with the same requestId, as often as it takes', async () => {
  const link = new TestLink();
  link.up();
  const outbox = new Outbox(link, 8000);
  const answer = outbox.send('ticket:issue', { requestId: 'req-00000003' });
  for (let i = 0; i < 3; i++) {
    link.sent[i]!.fail(); // what Socket.IO's timeout does
    await settle();
  }
  assert.deepEqual(link.ids(), Array(4).fill('req-00000003'));
  link.sent[3]!.answer(ok);
  assert.deepEqual(await answer, ok);
});

test("after a reconnect the old attempt's late failure sends nothing more; its late answer still counts", async () => {
  const link = new TestLink();
  link.up();
  const outbox = new Outbox(link, 8000);
  const answer = outbox.send('ticket:issue', { requestId: 'req-00000004' });
  const first = link.sent[0]!;
  // A new connection before the old attempt's failure was seen: one resend, not two.
  link.up();
  assert.equal(link.sent.length, 2);
  first.fail();
  await settle();
  assert.equal(link.sent.length, 2, 'the stale failure does not send a third time');
  link.sent[1]!.answer(ok);
  assert.deepEqual(await answer, ok);
});

test('an aborted command is sent no more, resolves ABANDONED, and its late answer is dropped', async () => {
  const link = new TestLink();
  link.up();
  const outbox = new Outbox(link, 8000);
  const stop = new AbortController();
  const answer = outbox.send('ticket:issue', { requestId: 'req-00000005' }, stop.signal);
  stop.abort();
  link.sent[0]!.answer(ok); // the in-flight attempt answers after the abort: dropped
  assert.equal(await answer, ABANDONED);
  link.down();
  link.up();
  assert.equal(link.sent.length, 1, 'not resent after the abort');

  const already = new AbortController();
  already.abort();
  assert.equal(await outbox.send('ticket:issue', { requestId: 'req-00000006' }, already.signal), ABANDONED);
  assert.equal(link.sent.length, 1, 'an already aborted command is never sent');
});

test('abandonAll ends every waiting command (the connection is closed)', async () => {
  const link = new TestLink();
  const outbox = new Outbox(link, 8000);
  const a = outbox.send('window:finish', { requestId: 'req-00000007' });
  const b = outbox.send('window:start', { requestId: 'req-00000008' });
  outbox.abandonAll();
  assert.deepEqual(await Promise.all([a, b]), [ABANDONED, ABANDONED]);
  link.up();
  assert.equal(link.sent.length, 0);
});
