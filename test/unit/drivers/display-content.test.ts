import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayContentSchema, layout, textWidth } from '../../../drivers/display/content.js';

const one = { lines: 1, charsPerLine: 8 } as const;
const two = { lines: 2, charsPerLine: 8 } as const;

test('an idle window shows its number and service, green and still', () => {
  assert.deepEqual(layout({ kind: 'idle', windowNo: 3, windowName: '企业登记' }, one), {
    lines: ['3号窗口 企业登记'],
    effect: 'static',
    colour: 'green',
    kind: 'idle',
  });
  assert.deepEqual(layout({ kind: 'idle', windowNo: 3, windowName: '企业登记' }, two).lines, ['3号窗口', '企业登记']);
});

test('a call reads "请A012号到3号窗口" and flashes; split over two lines when it does not fit one', () => {
  const wide = layout({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 }, { lines: 1, charsPerLine: 10 });
  assert.deepEqual(wide, { lines: ['请A012号到3号窗口'], effect: 'flash', colour: 'red', kind: 'calling' });
  assert.deepEqual(layout({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 }, two).lines, ['请A012号', '到3号窗口']);
});

test('a call too long for a one-line display scrolls rather than hiding the window number', () => {
  const l = layout({ kind: 'calling', ticketNumber: 'A012', windowNo: 3 }, one);
  assert.equal(l.effect, 'scroll');
  assert.deepEqual(l.lines, ['请A012号到3号窗口']);
});

test('paused shows 暂停服务 (with the reason when there is room); maintenance 系统维护中', () => {
  assert.deepEqual(layout({ kind: 'paused', windowNo: 3 }, one).lines, ['3号窗口 暂停服务']);
  assert.deepEqual(layout({ kind: 'paused', windowNo: 3, reason: '午休' }, two).lines, ['3号窗口 暂停服务', '午休']);
  assert.equal(layout({ kind: 'paused', windowNo: 3 }, one).colour, 'yellow');
  assert.deepEqual(layout({ kind: 'maintenance' }, one).lines, ['系统维护中']);
});

test('free text keeps its lines, joins them on a one-line display', () => {
  assert.deepEqual(layout({ kind: 'text', lines: ['欢迎光临', '政务服务中心'] }, two).lines, ['欢迎光临', '政务服务中心']);
  assert.deepEqual(layout({ kind: 'text', lines: ['欢迎', '光临'] }, one).lines, ['欢迎 光临']);
});

test('ASCII counts half a cell', () => {
  assert.equal(textWidth('A012'), 2);
  assert.equal(textWidth('请A012号'), 4);
});

test('bad content is refused by the schema', () => {
  assert.equal(displayContentSchema.safeParse({ kind: 'calling', ticketNumber: '', windowNo: 3 }).success, false);
  assert.equal(displayContentSchema.safeParse({ kind: 'text', lines: [] }).success, false);
  assert.equal(displayContentSchema.safeParse({ kind: 'dance' }).success, false);
});
