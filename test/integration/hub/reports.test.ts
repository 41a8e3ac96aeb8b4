// The report routes over real HTTP on loopback: a supervisor downloads the XLSX and reads it back
// with exceljs; the JSON summary and the tickets CSV agree with what the hall did; a chief sees
// only their department, ordinary staff nothing; bad query strings are refused in Chinese.
// The hall today: A001 (GS-01) called, served and rated 5 at window 1 by 李明; B001 (DS-01) waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { rid, startTestHub, type TestHub } from '../../helpers/hub.js';

const zh = /[\u4e00-\u9fff]/;

async function servedAndRated(h: TestHub): Promise<string> {
  const agent = await h.agent();
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'kp-1', kind: 'keypad', windowNo: 1 }] })).ok);
  const kiosk = await h.kiosk();
  const a = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(a.ok);
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'DS-01', kind: 'normal' })).ok);
  const w1 = await h.counter('0101', 1);
  for (const e of ['window:callNext', 'window:start', 'window:finish'] as const) assert.ok((await w1.emitWithAck(e, { requestId: rid() })).ok, e);
  const rated = await agent.emitWithAck('keypad:rate', { requestId: rid(), windowNo: 1, level: 5, ticketId: a.ticket!.id });
  assert.ok(rated.ok, JSON.stringify(rated));
  return h.hub.core.state.day;
}

const get = (h: TestHub, path: string, token?: string) => fetch(`${h.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

test('a supervisor downloads the XLSX: a sheet per dimension with Chinese headers, the rankings, the tickets', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const day = await servedAndRated(h);
  const { token } = await h.login('0902');
  const res = await get(h, `/api/reports/export.xlsx?from=${day}&to=${day}`, token);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  assert.deepEqual(
    wb.worksheets.map((s) => s.name),
    ['按人员', '按窗口', '按部门', '按事项', '全厅', '窗口排名', '部门排名', '到达热力', '号票明细'],
  );
  const hall = wb.getWorksheet('全厅')!;
  const headers = (hall.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(headers.slice(0, 5), ['编码', '名称', '取号量', '叫号量', '办件量']);
  const cell = (name: string) => hall.getRow(2).getCell(headers.indexOf(name) + 1).value;
  assert.equal(cell('名称'), '测试区政务服务中心');
  assert.equal(cell('取号量'), 2);
  assert.equal(cell('办件量'), 1);
  assert.equal(cell('非常满意'), 1);
  assert.equal(cell('满意率'), 1);

  const byStaff = wb.getWorksheet('按人员')!;
  assert.deepEqual((byStaff.getRow(2).values as unknown[]).slice(1, 3), ['0101', '李明']);
  const ranking = wb.getWorksheet('窗口排名')!;
  assert.deepEqual((ranking.getRow(1).values as unknown[]).slice(1, 4), ['名次', '编码', '名称']);
  assert.match(ranking.getRow(ranking.rowCount).getCell(1).text, /^综合得分 = /);

  const tickets = wb.getWorksheet('号票明细')!;
  assert.equal(tickets.rowCount, 3, 'a header and two legs');
  const tHeaders = (tickets.getRow(1).values as unknown[]).slice(1);
  const first = (name: string) => tickets.getRow(2).getCell(tHeaders.indexOf(name) + 1).value;
  assert.deepEqual([first('号码'), first('事项名称'), first('状态'), first('姓名'), first('评价')], ['A001', '企业设立登记', '已办结', '李明', '非常满意']);
});

test('the summary as JSON, by window with the ranking and its formula; a chief sees their department only', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const day = await servedAndRated(h);
  const supervisor = (await h.login('0902')).token;
  const res = await get(h, `/api/reports/summary?from=${day}&to=${day}&by=window`, supervisor);
  assert.equal(res.status, 200);
  const body = (await res.json()) as {
    ok: boolean;
    rows: { key: string; name: string; figures: { served: number; ratings: { satisfiedShare: number } } }[];
    ranking: { formula: string; rows: { rank: number; key: string }[] };
    heatmap: number[][];
    previous: { from: string; to: string };
  };
  assert.ok(body.ok);
  assert.deepEqual(body.rows.map((r) => [r.key, r.name, r.figures.served]), [['1', '1号窗口·企业登记', 1]]);
  assert.equal(body.ranking.rows[0]?.key, '1');
  assert.match(body.ranking.formula, /满意率×40%/);
  assert.equal(body.heatmap.flat().reduce((a, b) => a + b, 0), 2);
  assert.equal(body.previous.to < day, true);

  const chief = (await h.login('0901')).token;
  const gs = (await (await get(h, `/api/reports/summary?from=${day}&to=${day}`, chief)).json()) as { department: string; rows: { figures: { issued: number } }[] };
  assert.equal(gs.department, 'GS');
  assert.equal(gs.rows[0]?.figures.issued, 1, 'GS-01 only; DS-01 is the tax office’s');
  const csv = await (await get(h, `/api/reports/tickets.csv?from=${day}&to=${day}`, chief)).text();
  assert.equal(csv.trim().split('\r\n').length, 2, 'a header and the GS ticket');
});

test('who may read: no session 401, ordinary staff 403; bad query strings are 400 in Chinese', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const day = h.hub.core.state.day;
  const summary = `/api/reports/summary?from=${day}&to=${day}`;
  assert.equal((await get(h, summary)).status, 401);
  const staff = (await h.login('0101')).token;
  for (const path of [summary, `/api/reports/export.xlsx?from=${day}&to=${day}`, '/api/reports/ranking?month=2026-12', '/api/export/tickets.csv']) {
    const r = await get(h, path, staff);
    assert.equal(r.status, 403, path);
    assert.match(((await r.json()) as { message: string }).message, zh);
  }
  const supervisor = (await h.login('0902')).token;
  const cases: [string, RegExp][] = [
    ['/api/reports/summary?from=2026-13-01&to=2026-12-31', /开始日期from：不是日历上的日期/],
    ['/api/reports/summary?from=2026-12-02&to=2026-12-01', /开始日期不能晚于结束日期/],
    ['/api/reports/summary?from=2025-01-01&to=2026-12-31', /最长366天/],
    ['/api/reports/summary?from=2026-12-01&to=2026-12-01&by=floor', /统计维度/],
    ['/api/reports/summary?from=2026-12-01&to=2026-12-01&drop=table', /不认识的参数 drop/],
    ['/api/reports/summary?from=2026-12-01&from=2026-12-02&to=2026-12-03', /参数from重复/],
    ['/api/reports/summary', /缺少日期/],
    ['/api/reports/ranking?month=2026-1', /月份格式为YYYY-MM/],
    ['/api/export/tickets.csv?day=yesterday', /日期格式为YYYY-MM-DD/],
    ['/api/export/tickets.csv?day=2026-12-01&from=2026-12-01&to=2026-12-01', /只能选一种/],
    ['/api/export/tickets.csv?window=x', /窗口号应为数字/],
    ['/api/export/tickets.csv?status=gone', /状态应为/],
  ];
  for (const [path, message] of cases) {
    const r = await get(h, path, supervisor);
    assert.equal(r.status, 400, path);
    const body = (await r.json()) as { code: string; message: string };
    assert.equal(body.code, 'invalid-payload', path);
    assert.match(body.message, message, path);
  }
});

test('the tickets CSV: a BOM, names, Chinese statuses, seconds, a range and filters', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const day = await servedAndRated(h);
  const { token } = await h.login('0902');
  const res = await get(h, `/api/reports/tickets.csv?from=${day}&to=${day}&status=done`, token);
  assert.equal(res.status, 200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  assert.ok(text.startsWith('\uFEFF'));
  const [header, row, ...rest] = text.slice(1).split('\r\n').filter(Boolean);
  assert.equal(rest.length, 0, 'only the served ticket');
  const cols = header!.split(',');
  const cells = row!.split(',');
  const at = (name: string) => cells[cols.indexOf(name)];
  assert.deepEqual([at('号码'), at('状态'), at('姓名'), at('评价等级'), at('评价')], ['A001', '已办结', '李明', '5', '非常满意']);
  assert.match(at('取号时间')!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.match(at('办理秒数')!, /^\d+$/);
  const ds = await (await get(h, `/api/export/tickets.csv?day=${day}&service=DS-01`, token)).text();
  assert.equal(ds.trim().split('\r\n').length, 2);
});
