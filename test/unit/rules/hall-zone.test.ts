// A hall in another zone (hall.timezone) shows and prints its own local time: the hub names the zone
// in the snapshot and in each print job, the screens and the ticket printer format in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotView } from '../../../main/hub/views.js';
import { printJob } from '../../../main/hub/jobs.js';
import { ticketStatus } from '../../../main/hub/roles/ticket.js';
import { ticketPrint } from '../../../main/agent/jobs.js';
import { ticketDocument } from '../../../drivers/printer/ticket.js';
import { clock, clockSeconds, dateText, hallDay, hallTimeZone, setHallTimeZone, shortDateText } from '../../../renderer/src/lib/format.js';
import { DEFAULT_TIME_ZONE } from '../../../main/rules/index.js';
import { QueueHarness, testHall } from '../../helpers/queue-harness.js';

const urumqi = () => testHall((c) => void (c.hall = { ...c.hall, timezone: 'Asia/Urumqi' }));
// 11:00 in Urumqi (UTC+6) is 13:00 in Beijing.
const elevenInUrumqi = Date.UTC(2026, 11, 1, 5, 0);

test('the snapshot, the phone page\'s status and the print job carry the hall\'s zone; the ticket prints the hall\'s local time', () => {
  const hall = new QueueHarness(urumqi(), elevenInUrumqi);
  const t = hall.issue('GS-01', 'normal', { kioskId: 'K1' });
  assert.equal(snapshotView(hall.state, 1).timeZone, 'Asia/Urumqi');
  assert.equal(ticketStatus(hall.state, hall.state.tickets.get(t.id)!).timeZone, 'Asia/Urumqi');
  const job = printJob(hall.state, hall.state.tickets.get(t.id)!, 'http://hall', false)!;
  assert.equal(job.timeZone, 'Asia/Urumqi');
  // receiptline escapes the dashes of the date.
  assert.match(ticketDocument(ticketPrint(job)), /取号时间：2026\\-12\\-01 11:00/);
  assert.match(ticketDocument({ ...ticketPrint(job), timeZone: 'Asia/Shanghai' }), /取号时间：2026\\-12\\-01 13:00/);
});

test('a hall file without a zone is in the default zone, and so are the screens until the hub says', () => {
  assert.equal(testHall().config.hall.timezone, DEFAULT_TIME_ZONE);
  assert.equal(hallTimeZone(), DEFAULT_TIME_ZONE);
});

test('the screens format in the zone the hub named', (t) => {
  t.after(() => setHallTimeZone(DEFAULT_TIME_ZONE));
  const late = Date.UTC(2026, 11, 1, 17, 30, 5); // 01:30 on Dec 2 in Beijing, 23:30 on Dec 1 in Urumqi
  assert.deepEqual([clock(late), clockSeconds(late), hallDay(late)], ['01:30', '01:30:05', '2026-12-02']);
  setHallTimeZone('Asia/Urumqi');
  assert.deepEqual([clock(late), clockSeconds(late), hallDay(late)], ['23:30', '23:30:05', '2026-12-01']);
  assert.equal(dateText(late), '2026年12月1日星期二');
  assert.equal(shortDateText(late), '12月1日周二');
});
