// The authorisation matrix: every command of every role's table (main/protocol/commands.ts) × every
// principal that can send it × own window / another window / another department × every ticket
// status, with the answer a person gets. For commands naming a ticket the answer is the whole one:
// the hub's decision (main/hub/authorize.ts) and, when that allows, the engine's. The matrix is keyed
// by the command tables, so a command added to a table without rows here fails the first test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorize, commandTables, type Channel, type Principal, type Subject, type Verdict } from '../../../main/hub/authorize.js';
import { decide, ticketStatuses, type Command, type Ticket, type TicketStatus } from '../../../main/queue/index.js';
import { countingIds, QueueHarness, testHall, type DistributiveOmit } from '../../helpers/queue-harness.js';

const zh = /[\u4e00-\u9fff]/;
const NY = 'not-your-ticket';
const WNS = 'window-not-serving';
/** The counter's window; the agent's keypad and caller serve it too. */
const HERE = 1;

const hall = testHall((c) => (c.staff = [...(c.staff ?? []), { id: '0001', name: '陈立华', role: 'admin' }]));
const harness = new QueueHarness(hall);
const { state } = harness;

// ---- the hall: one ticket per status × place ----

type Place = 'own' | 'other' | 'department';
const places: readonly Place[] = ['own', 'other', 'department'];
/** Window 1 and 2 are 市场监管局's (GS), window 3 税务局's (DS). A waiting ticket's place is who may
 * call it: any GS window (own), only window 2 (a transfer to it), or DS windows only. */
const placeOf: Record<Place, { windowNo: number; serviceCode: string }> = {
  own: { windowNo: HERE, serviceCode: 'GS-01' },
  other: { windowNo: 2, serviceCode: 'GS-02' },
  department: { windowNo: 3, serviceCode: 'DS-01' },
};
const yesterday = '2026-11-30';

const base = harness.issue('GS-01');
state.tickets.delete(base.id);
const fixture = new Map<string, Ticket>();
let seq = 0;
for (const status of ticketStatuses) {
  for (const place of places) {
    const { windowNo, serviceCode } = placeOf[place];
    const prefix = serviceCode.startsWith('DS') ? 'B' : 'A';
    const n = ++seq;
    const { windowNo: _w, ...rest } = base;
    const t: Ticket = {
      ...rest,
      id: `${status}-${place}`,
      visitId: `${status}-${place}`,
      seq: n,
      prefix,
      number: `${prefix}${String(n).padStart(3, '0')}`,
      serviceCode,
      status,
      // Yesterday's unfinished tickets expire at the new day.
      ...(status === 'expired' && { day: yesterday }),
      ...(status === 'waiting' ? place === 'other' && { kind: 'transfer', lane: 'transfer', targetWindow: windowNo } : { windowNo }),
    };
    state.tickets.set(t.id, t);
    fixture.set(t.id, t);
  }
}
const ticket = (status: TicketStatus, place: Place): Ticket => fixture.get(`${status}-${place}`)!;

// ---- who asks ----

const staff = (id: string) => hall.staff.get(id)!;
const roles = { staff: '0101', chief: '0901', supervisor: '0902', admin: '0001' } as const;
const atCounter = (id: string): Principal => ({ kind: 'staff', staff: staff(id), windowNo: HERE });
const overseer = (id: string): Principal => ({ kind: 'staff', staff: staff(id) });
const kiosk: Principal = { kind: 'kiosk', id: 'K1' };
const agent: Principal = {
  kind: 'agent',
  id: 'PC1',
  // Bound to every window: what it may press is decided by the devices it announced.
  binding: { windows: [...hall.windows.keys()], kiosks: ['K1', 'K2', 'K3', 'K9'] },
  devices: [
    { kind: 'keypad', windowNo: HERE },
    { kind: 'caller', windowNo: HERE },
    { kind: 'led', windowNo: 2 }, // a display at window 2 gives no right to window 2's keypad
    { kind: 'idcard', kioskId: 'K1' },
    { kind: 'scanner', kioskId: 'K3' },
    { kind: 'printer', kioskId: 'K2' }, // a printer at K2 gives no right to read cards there
  ],
};
const visitor: Principal = { kind: 'visitor' };

// ---- the expected answers ----

/** 'ok', or the refusal code expected. */
type Answer = string;
/** Per status: [own window, another window, another department]. */
type ByPlace = Record<TicketStatus, readonly [Answer, Answer, Answer]>;

const counterTickets = {
  // 过号重排: only a no-show of this window (README: the 过号 list is this window's no-shows).
  'ticket:requeue': {
    waiting: ['ticket-not-no-show', NY, WNS],
    called: ['ticket-not-no-show', NY, NY],
    serving: ['ticket-not-no-show', NY, NY],
    done: ['ticket-not-no-show', NY, NY],
    'no-show': ['ok', NY, NY],
    transferred: ['ticket-not-no-show', NY, NY],
    suspended: ['ticket-not-no-show', NY, NY],
    cancelled: ['ticket-not-no-show', NY, NY],
    expired: ['ticket-old', NY, NY],
  },
  // 补打: a ticket this window may call, or one called, served or suspended here.
  'ticket:reprint': {
    waiting: ['ok', NY, WNS],
    called: ['ok', NY, NY],
    serving: ['ok', NY, NY],
    done: ['ticket-state', NY, NY],
    'no-show': ['ticket-state', NY, NY],
    transferred: ['ticket-state', NY, NY],
    suspended: ['ok', NY, NY],
    cancelled: ['ticket-state', NY, NY],
    expired: ['ticket-old', NY, NY],
  },
  // 取消: a ticket this window may call, or one suspended here; a current one ends by 过号 or 办结.
  'ticket:cancel': {
    waiting: ['ok', NY, WNS],
    called: ['ticket-state', NY, NY],
    serving: ['ticket-state', NY, NY],
    done: ['ticket-state', NY, NY],
    'no-show': ['ticket-state', NY, NY],
    transferred: ['ticket-state', NY, NY],
    suspended: ['ok', NY, NY],
    cancelled: ['ticket-state', NY, NY],
    expired: ['ticket-state', NY, NY],
  },
  // 恢复办理: only a ticket suspended at this window.
  'window:resumeTicket': {
    waiting: ['ticket-not-suspended', NY, WNS],
    called: ['ticket-not-suspended', NY, NY],
    serving: ['ticket-not-suspended', NY, NY],
    done: ['ticket-not-suspended', NY, NY],
    'no-show': ['ticket-not-suspended', NY, NY],
    transferred: ['ticket-not-suspended', NY, NY],
    suspended: ['ok', NY, NY],
    cancelled: ['ticket-not-suspended', NY, NY],
    expired: ['ticket-not-suspended', NY, NY],
  },
} satisfies Record<string, ByPlace>;
const engineFor: Record<keyof typeof counterTickets, (t: Ticket) => DistributiveOmit<Command, 'requestId'>> = {
  'ticket:requeue': (t) => ({ type: 'requeue', ticketId: t.id }),
  'ticket:reprint': (t) => ({ type: 'reprint', ticketId: t.id }),
  'ticket:cancel': (t) => ({ type: 'cancel', ticketId: t.id }),
  'window:resumeTicket': (t) => ({ type: 'resumeTicket', windowNo: HERE, ticketId: t.id }),
};

/** A keypad at this window rates a ticket served here only. */
const keypadHere: ByPlace = {
  waiting: ['not-rateable', NY, WNS],
  called: ['not-rateable', NY, NY],
  serving: ['not-rateable', NY, NY],
  done: ['ok', NY, NY],
  'no-show': ['ticket-state', NY, NY],
  transferred: ['ticket-state', NY, NY],
  suspended: ['not-rateable', NY, NY],
  cancelled: ['ticket-state', NY, NY],
  expired: ['ticket-state', NY, NY],
};

interface Case {
  readonly label: string;
  readonly who: Principal;
  readonly subject?: Subject;
  readonly expected: Answer;
  /** The engine command that runs when the hub allows (commands naming a ticket). */
  readonly engine?: DistributiveOmit<Command, 'requestId'>;
}

const everyRole = (expected: Answer): Case[] => Object.entries(roles).map(([role, id]) => ({ label: role, who: atCounter(id), expected }));
const ticketCases = (
  askers: readonly (readonly [string, Principal])[],
  table: ByPlace,
  subject: (t: Ticket) => Subject,
  engine: (t: Ticket) => DistributiveOmit<Command, 'requestId'>,
): Case[] =>
  askers.flatMap(([asker, who]) =>
    ticketStatuses.flatMap((status) =>
      places.map((place, i) => {
        const t = ticket(status, place);
        return { label: `${asker} · ${status} ticket at ${place}`, who, subject: subject(t), expected: table[status][i]!, engine: engine(t) };
      }),
    ),
  );
const counterAskers = Object.entries(roles).map(([role, id]) => [role, atCounter(id)] as const);
const counterTicket = (command: keyof typeof counterTickets) => () =>
  ticketCases(counterAskers, counterTickets[command], (t) => ({ ticketId: t.id }), engineFor[command]);
const green = (who: (id: string) => Principal, subject: (id: string, serviceCode: string) => Subject): Case[] => [
  ...['GS-01', 'DS-01'].flatMap((service) => [
    { label: `staff · ${service}`, who: who(roles.staff), subject: subject(roles.staff, service), expected: 'not-authorized' },
    { label: `supervisor · ${service}`, who: who(roles.supervisor), subject: subject(roles.supervisor, service), expected: 'not-authorized' },
    { label: `admin · ${service}`, who: who(roles.admin), subject: subject(roles.admin, service), expected: 'ok' },
  ]),
  // Chiefs act only within their department (0901 is 市场监管局's).
  { label: 'chief · own department', who: who(roles.chief), subject: subject(roles.chief, 'GS-01'), expected: 'ok' },
  { label: 'chief · another department', who: who(roles.chief), subject: subject(roles.chief, 'DS-01'), expected: 'not-authorized-department' },
];

// Supervision commands name the department of the alarm or 差评整改 item (GS: the chief's own).
const GS: Subject = { department: 'GS' };
const DS: Subject = { department: 'DS' };
/** Acknowledging an alarm: the whole hall's overseers, a chief only for their own department. */
const ownDepartmentOrHall: Case[] = [
  { label: 'staff', who: overseer(roles.staff), subject: GS, expected: 'forbidden' },
  { label: 'chief, own department', who: overseer(roles.chief), subject: GS, expected: 'ok' },
  { label: 'chief, another department', who: overseer(roles.chief), subject: DS, expected: 'forbidden' },
  { label: 'chief, a hall-wide alarm', who: overseer(roles.chief), expected: 'forbidden' },
  { label: 'supervisor', who: overseer(roles.supervisor), subject: DS, expected: 'ok' },
  { label: 'admin', who: overseer(roles.admin), subject: DS, expected: 'ok' },
];
/** 回访, 整改, 申诉: the department's own chief (or an admin), not the supervisor who judges them. */
const departmentChief: Case[] = [
  { label: 'staff', who: overseer(roles.staff), subject: GS, expected: 'forbidden' },
  { label: 'chief, own department', who: overseer(roles.chief), subject: GS, expected: 'ok' },
  { label: 'chief, another department', who: overseer(roles.chief), subject: DS, expected: 'forbidden' },
  { label: 'supervisor', who: overseer(roles.supervisor), subject: GS, expected: 'forbidden' },
  { label: 'admin', who: overseer(roles.admin), subject: DS, expected: 'ok' },
];
/** Closing an item, deciding an appeal: supervisors (and admins), never the chief concerned. */
const supervisorDecides: Case[] = [
  { label: 'staff', who: overseer(roles.staff), subject: GS, expected: 'forbidden' },
  { label: 'chief, own department', who: overseer(roles.chief), subject: GS, expected: 'forbidden' },
  { label: 'supervisor', who: overseer(roles.supervisor), subject: GS, expected: 'ok' },
  { label: 'admin', who: overseer(roles.admin), subject: GS, expected: 'ok' },
];

const matrix: { readonly [C in Channel]: Readonly<Record<string, () => Case[]>> } = {
  kiosk: {
    'ticket:issue': () => [
      { label: 'normal or priority', who: kiosk, subject: { serviceCode: 'DS-01' }, expected: 'ok' },
      ...green(() => kiosk, (id, serviceCode) => ({ serviceCode, authorizer: id })),
    ],
    'appointment:checkIn': () => [{ label: 'kiosk', who: kiosk, expected: 'ok' }],
    'kiosk:unlock': () => [{ label: 'kiosk', who: kiosk, expected: 'ok' }],
  },
  counter: {
    // The window comes from the session: these act on the staff member's own window only, and the
    // engine decides by the window's state.
    'window:callNext': () => everyRole('ok'),
    'window:callNumber': () => everyRole('ok'),
    'window:recall': () => everyRole('ok'),
    'window:start': () => everyRole('ok'),
    'window:finish': () => everyRole('ok'),
    'window:skip': () => everyRole('ok'),
    'window:transfer': () => everyRole('ok'),
    'window:suspend': () => everyRole('ok'),
    'window:pause': () => everyRole('ok'),
    'window:resume': () => everyRole('ok'),
    'window:signIn': () => everyRole('ok'),
    'window:signOut': () => everyRole('ok'),
    'window:resumeTicket': counterTicket('window:resumeTicket'),
    'ticket:requeue': counterTicket('ticket:requeue'),
    'ticket:reprint': counterTicket('ticket:reprint'),
    'ticket:cancel': counterTicket('ticket:cancel'),
    'ticket:issueGreen': () => green(atCounter, (_id, serviceCode) => ({ serviceCode })),
  },
  agent: {
    'agent:devices': () => [{ label: 'agent', who: agent, expected: 'ok' }],
    'device:health': () => [{ label: 'agent', who: agent, expected: 'ok' }],
    'keypad:rate': () => [
      ...ticketCases([['own window\'s keypad', agent]], keypadHere, (t) => ({ windowNo: HERE, ticketId: t.id }), (t) => ({ type: 'rate', ticketId: t.id, level: 5 })),
      // Another window's keypad, whatever the ticket.
      ...ticketStatuses.flatMap((status) =>
        places.map((place) => ({ label: `window 2's keypad · ${status} ticket at ${place}`, who: agent, subject: { windowNo: 2, ticketId: ticket(status, place).id }, expected: 'forbidden' })),
      ),
      { label: 'nothing to rate', who: agent, subject: { windowNo: HERE }, expected: 'not-rateable' },
    ],
    'identity:read': () => [
      { label: "its reader's kiosk", who: agent, subject: { kioskId: 'K1' }, expected: 'ok' },
      { label: 'a kiosk where it has only a printer', who: agent, subject: { kioskId: 'K2' }, expected: 'forbidden' },
      { label: 'a kiosk with none of its devices', who: agent, subject: { kioskId: 'K9' }, expected: 'forbidden' },
      { label: 'no kiosk named', who: agent, expected: 'forbidden' },
    ],
    'scan:code': () => [
      { label: "its scanner's kiosk", who: agent, subject: { kioskId: 'K3' }, expected: 'ok' },
      { label: 'a kiosk where it has only an ID card reader', who: agent, subject: { kioskId: 'K1' }, expected: 'forbidden' },
      { label: 'no kiosk named', who: agent, expected: 'forbidden' },
    ],
    'caller:key': () => [
      { label: 'own window', who: agent, subject: { windowNo: HERE }, expected: 'ok' },
      { label: 'another window', who: agent, subject: { windowNo: 2 }, expected: 'forbidden' },
      { label: 'a window with no devices', who: agent, subject: { windowNo: 3 }, expected: 'forbidden' },
    ],
  },
  supervise: {
    'complaint:file': () => [
      { label: 'staff', who: overseer(roles.staff), expected: 'forbidden' },
      { label: 'chief', who: overseer(roles.chief), expected: 'ok' },
      { label: 'supervisor', who: overseer(roles.supervisor), expected: 'ok' },
      { label: 'admin', who: overseer(roles.admin), expected: 'ok' },
    ],
    'alarm:acknowledge': () => ownDepartmentOrHall,
    'followUp:callback': () => departmentChief,
    'followUp:rectify': () => departmentChief,
    'rating:appeal': () => departmentChief,
    'followUp:close': () => supervisorDecides,
    'rating:decideAppeal': () => supervisorDecides,
  },
  public: {
    'appointment:slots': () => [{ label: 'visitor', who: visitor, expected: 'ok' }],
    'appointment:book': () => [{ label: 'visitor', who: visitor, expected: 'ok' }],
    'appointment:cancel': () => [{ label: 'visitor', who: visitor, expected: 'ok' }],
  },
};

const channels = Object.keys(commandTables) as Channel[];

/** The answer a person gets: the hub's refusal, or else the engine's. */
function answer(channel: Channel, command: string, c: Case): { code: Answer; message?: string } {
  const verdict = authorize(state, c.who, channel, command as never, c.subject);
  if (!verdict.ok) return { code: verdict.code, message: verdict.message };
  if (!c.engine) return { code: 'ok' };
  const d = decide(state, { ...c.engine, requestId: 'matrix-1' }, { now: harness.now, ids: countingIds(), actor: { role: 'staff', id: 'matrix' } });
  return d.ok ? { code: 'ok' } : { code: d.code, message: d.message };
}

test('the matrix has rows for every command of every role\'s table, and only for those', () => {
  assert.deepEqual(Object.keys(matrix).sort(), channels.slice().sort());
  for (const channel of channels) {
    assert.deepEqual(Object.keys(matrix[channel]).sort(), Object.keys(commandTables[channel]).sort(), `${channel}: a row set per command`);
    for (const [command, cases] of Object.entries(matrix[channel])) assert.ok(cases().length > 0, `${channel} ${command}: no rows`);
  }
});

test('every command × principal × place × ticket status gets the expected answer, and a refusal says what is true', () => {
  let checked = 0;
  for (const channel of channels) {
    for (const [command, cases] of Object.entries(matrix[channel])) {
      for (const c of cases()) {
        const got = answer(channel, command, c);
        assert.equal(got.code, c.expected, `${channel} ${command} · ${c.label}: ${got.message ?? ''}`);
        checked++;
        if (got.code === 'ok') continue;
        assert.match(got.message ?? '', zh, `${channel} ${command} · ${c.label}`);
        const t = c.subject?.ticketId === undefined ? undefined : state.tickets.get(c.subject.ticketId);
        if (got.code === NY && t) {
          // Names the ticket, the window it is at (or waits for), and the window that asked.
          const at = t.windowNo ?? t.targetWindow;
          assert.ok(got.message!.startsWith(`号票${t.number}`) && got.message!.includes(`${at}号窗口`) && got.message!.includes(`不是${HERE}号窗口的号票`), `${c.label}: ${got.message}`);
        }
      }
    }
  }
  assert.ok(checked > 400, `checked ${checked}`);
});

test('the principals a channel does not admit are refused every command of it', () => {
  const all: Principal[] = [atCounter(roles.chief), overseer(roles.chief), kiosk, agent, visitor];
  const admits: Record<Channel, (p: Principal) => boolean> = {
    kiosk: (p) => p.kind === 'kiosk',
    counter: (p) => p.kind === 'staff' && p.windowNo !== undefined,
    agent: (p) => p.kind === 'agent',
    supervise: (p) => p.kind === 'staff',
    public: (p) => p.kind === 'visitor',
  };
  for (const channel of channels) {
    for (const command of Object.keys(commandTables[channel])) {
      for (const who of all.filter((p) => !admits[channel](p))) {
        const verdict = authorize(state, who, channel, command as never, { windowNo: HERE, ticketId: ticket('waiting', 'own').id, serviceCode: 'GS-01' });
        assert.equal(verdict.ok || verdict.code, 'forbidden', `${who.kind} ${channel} ${command}`);
      }
    }
  }
});

test('the refusal names where the ticket truly is', () => {
  const says = (command: keyof typeof counterTickets, status: TicketStatus, place: Place) =>
    answer('counter', command, { label: '', who: atCounter(roles.staff), subject: { ticketId: ticket(status, place).id }, expected: '', engine: engineFor[command](ticket(status, place)) }).message;
  const n = (status: TicketStatus, place: Place) => ticket(status, place).number;
  assert.equal(says('ticket:cancel', 'suspended', 'other'), `号票${n('suspended', 'other')}挂起在2号窗口，不是1号窗口的号票`);
  assert.equal(says('ticket:reprint', 'called', 'other'), `号票${n('called', 'other')}已在2号窗口叫号，不是1号窗口的号票`);
  assert.equal(says('ticket:reprint', 'serving', 'department'), `号票${n('serving', 'department')}正在3号窗口办理，不是1号窗口的号票`);
  assert.equal(says('ticket:requeue', 'no-show', 'other'), `号票${n('no-show', 'other')}已在2号窗口过号，不是1号窗口的号票`);
  assert.equal(says('ticket:cancel', 'waiting', 'other'), `号票${n('waiting', 'other')}已转至2号窗口，不是1号窗口的号票`);
  assert.equal(says('ticket:cancel', 'waiting', 'department'), '1号窗口不办理此类业务');
  // This window's own, refused by the state it is in.
  assert.equal(says('ticket:cancel', 'serving', 'own'), `号票${n('serving', 'own')}正在1号窗口办理，不能取消`);
  assert.equal(says('ticket:reprint', 'no-show', 'own'), `号票${n('no-show', 'own')}已在1号窗口过号，不能补打`);
  assert.equal(says('ticket:reprint', 'cancelled', 'own'), `号票${n('cancelled', 'own')}已在1号窗口取消，不能补打`);
});

test('an agent presses keys only at windows it is bound to, even where it announced a device', () => {
  const state = new QueueHarness(hall).state;
  const unbound: Principal = { ...(agent), name: '1号工控机', binding: { windows: [], kiosks: [] } };
  for (const command of ['keypad:rate', 'caller:key'] as const) {
    const v: Verdict = authorize(state, unbound, 'agent', command, { windowNo: HERE });
    assert.deepEqual(v.ok ? 'ok' : [v.code, v.message], ['device-not-bound', `1号工控机（PC1）未绑定${HERE}号窗口，不能操作该窗口，请联系管理员`]);
  }
  const card: Verdict = authorize(state, unbound, 'agent', 'identity:read', { kioskId: 'K1' });
  assert.deepEqual(card.ok ? 'ok' : [card.code, card.message], ['device-not-bound', '1号工控机（PC1）未绑定取号机K1，不能接入其身份证阅读器，请联系管理员']);
  assert.equal(authorize(state, unbound, 'agent', 'device:health').ok, true, 'reporting health needs no window');
});

test('a chief is told which department is theirs; a supervisor approval is named as such', () => {
  const other = authorize(state, overseer(roles.chief), 'supervise', 'followUp:callback', { department: 'DS' });
  assert.deepEqual(other.ok ? 'ok' : [other.code, other.message], ['forbidden', '只能处理本部门（市场监管局）的事项']);
  const close = authorize(state, overseer(roles.chief), 'supervise', 'followUp:close', { department: 'GS' });
  assert.deepEqual(close.ok ? 'ok' : [close.code, close.message], ['forbidden', '须由效能监察人员审批']);
});
