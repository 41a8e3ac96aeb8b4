// The hub's HTTP side as staff, visitors' phones and the hall's admin use it: login, a ticket's
// status page data, the day's CSV export; and `hallq hub` stopping cleanly on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'socket.io-client';
import { openHubStore } from '../../../main/hub/store.js';
import { closeSql, sql } from '../../helpers/sql.js';
import type { KioskClientEvents, KioskServerEvents } from '../../../main/protocol/index.js';
import { loadHallFile } from '../../../main/config/hall-file.js';
import { TICKET_HEADERS } from '../../../main/reports/tickets-export.js';
import { cliHall, pair, passwd, startCliHub } from '../../helpers/cli-hub.js';
import { connect, PASSWORD, rid, startTestHub, waitFor } from '../../helpers/hub.js';

const zh = /[\u4e00-\u9fff]/;

/** A raw POST, so an oversized body can be sent the way a misbehaving client would. */
/** A refusal body: a code and a Chinese message. */
const refusal = (body: string) => JSON.parse(body) as { code: string; message: string };

function post(url: string, body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('login: a wrong password is 401, a malformed or oversized body 400, each with a Chinese message; the right one gets a session', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const login = `${h.url}/api/login`;
  const wrong = await post(login, JSON.stringify({ staffId: '0101', password: 'not-it' }));
  assert.equal(wrong.status, 401);
  assert.equal(refusal(wrong.body).code, 'bad-credentials');
  assert.match(refusal(wrong.body).message, zh);
  const unknown = await post(login, JSON.stringify({ staffId: '9999', password: PASSWORD }));
  assert.equal(unknown.status, 401, 'an unknown staff number looks the same as a wrong password');
  assert.equal(unknown.body, wrong.body);

  for (const body of ['{"staffId": "0101", "password": ', 'null', '[]', JSON.stringify({ staffId: 101, password: PASSWORD }), JSON.stringify({ staffId: '0101' }), JSON.stringify({ staffId: '0101', password: PASSWORD, admin: true })]) {
    const r = await post(login, body);
    assert.equal(r.status, 400, body);
    assert.match(refusal(r.body).message, zh, body);
  }
  const huge = await post(login, JSON.stringify({ staffId: '0101', password: 'x'.repeat(64 * 1024) }));
  assert.equal(huge.status, 400);
  assert.equal(refusal(huge.body).code, 'invalid-payload');
  assert.match(refusal(huge.body).message, zh);

  const ok = await post(login, JSON.stringify({ staffId: '0101', password: PASSWORD }));
  assert.equal(ok.status, 200);
  const session = JSON.parse(ok.body) as { ok: boolean; token: string; name: string; role: string };
  assert.deepEqual([session.ok, session.name, session.role], [true, '李明', 'staff']);
  assert.ok(session.token.length >= 16);
  // Still answering after all that.
  assert.equal((await fetch(`${h.url}/healthz`)).status, 200);
});

test('a ticket\'s status: 200 with its token, refused with another; the CSV export needs a supervisor\'s session', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const issued = [];
  for (const serviceCode of ['GS-01', 'GS-02', 'DS-01']) {
    const r = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' });
    assert.ok(r.ok);
    issued.push(r);
  }
  const w1 = await h.counter('0101', 1);
  assert.ok((await w1.emitWithAck('window:callNext', { requestId: rid() })).ok);

  const status = new URL(issued[1]!.statusUrl!);
  const visitId = decodeURIComponent(status.pathname.split('/').at(-1)!);
  const k = status.searchParams.get('k')!;
  const good = await fetch(`${h.url}/api/ticket?id=${encodeURIComponent(visitId)}&k=${encodeURIComponent(k)}`);
  assert.equal(good.status, 200);
  const body = (await good.json()) as { ok: boolean; ticket: { number: string; token?: string }; serviceName: string; peopleAhead: number };
  assert.equal(body.ticket.number, 'A002');
  assert.equal(body.serviceName, '企业变更登记');
  assert.equal(body.ticket.token, undefined);
  const other = new URL(issued[0]!.statusUrl!).searchParams.get('k')!;
  for (const bad of [other, `${k}x`, '']) {
    const r = await fetch(`${h.url}/api/ticket?id=${encodeURIComponent(visitId)}&k=${encodeURIComponent(bad)}`);
    assert.equal(r.status, 404, `token ${bad}`);
    assert.match(((await r.json()) as { message: string }).message, zh);
  }

  const csv = `${h.url}/api/export/tickets.csv`;
  const anonymous = await fetch(csv);
  assert.equal(anonymous.status, 401);
  assert.match(((await anonymous.json()) as { message: string }).message, zh);
  assert.equal((await fetch(csv, { headers: { authorization: 'Bearer not-a-session-token' } })).status, 401);
  const staff = await h.login('0101');
  const forbidden = await fetch(csv, { headers: { authorization: `Bearer ${staff.token}` } });
  assert.equal(forbidden.status, 403);
  assert.match(((await forbidden.json()) as { message: string }).message, zh);

  const supervisor = await h.login('0902');
  const res = await fetch(csv, { headers: { authorization: `Bearer ${supervisor.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/csv; charset=utf-8/);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  assert.ok(text.startsWith('\uFEFF'), 'a BOM, so Excel reads the Chinese');
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  assert.equal(lines[0], TICKET_HEADERS.join(','));
  assert.equal(lines.length, 1 + issued.length, 'one row per ticket of the day');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(1, 8)), [
    ['A001', '1', 'GS-01', '企业设立登记', '市场监管局', '普通', '已呼叫'],
    ['A002', '1', 'GS-02', '企业变更登记', '市场监管局', '普通', '等候中'],
    ['B001', '1', 'DS-01', '发票领用', '税务局', '普通', '等候中'],
  ]);
  assert.deepEqual(lines[1]!.split(',').slice(16, 18), ['0101', '李明']);
  const bad = await fetch(`${csv}?day=yesterday`, { headers: { authorization: `Bearer ${supervisor.token}` } });
  assert.equal(bad.status, 400);
});

test('SIGTERM to `hallq hub` ends it with exit code 0 while clients are connected, and the database reopens cleanly', async (t) => {
  const hall = cliHall();
  t.after(() => rmSync(hall.dir, { recursive: true, force: true }));
  const kioskToken = pair(hall, 'kiosk', 'K1');
  const displayToken = pair(hall, 'display', 'D1');
  passwd(hall, '0101');
  const hub = await startCliHub(hall);
  t.after(() => hub.child.kill('SIGKILL'));
  assert.notEqual(hub.port, 0, 'the printed address has the port the hub really listens on');
  assert.equal((await fetch(`${hub.url}/healthz`)).status, 200);

  const kiosk = await connect<Socket<KioskServerEvents, KioskClientEvents>>(hub.url, '/kiosk', { token: kioskToken });
  const display = await connect(hub.url, '/display', { token: displayToken });
  await waitFor(display, 'hall:snapshot');
  const issued = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok, JSON.stringify(issued));
  const gone = new Promise((resolve) => display.once('disconnect', resolve));

  assert.ok(hub.child.kill('SIGTERM'));
  assert.equal(await hub.exited, 0);
  await gone;

  const store = openHubStore({ path: hall.db, hall: loadHallFile(hall.config), now: Date.now() });
  try {
    assert.equal(sql(hall.db).pragma('integrity_check', { simple: true }), 'ok');
    assert.ok(store.verifyAuditChain().ok);
    assert.equal(store.lastSeq, issued.seq);
    assert.equal(store.state.tickets.get(issued.ticket!.id)?.number, 'A001');
  } finally {
    closeSql(hall.db);
    store.close();
  }
  // And the hub starts again on it.
  const again = await startCliHub(hall);
  t.after(() => again.child.kill('SIGKILL'));
  const health = (await (await fetch(`${again.url}/healthz`)).json()) as { seq: number };
  assert.equal(health.seq, issued.seq);
  again.child.kill('SIGTERM');
  assert.equal(await again.exited, 0);
});
