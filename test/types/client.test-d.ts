// The screens' side of the contract: each role's socket is Socket<ServerToClient, ClientToServer> of
// that role, and the renderer's connectHub types commands, payloads, acks and handshakes from it.
// Compiled, never run: the root tsconfig includes test/, so `npm run typecheck` checks these; an
// expect-error directive that no longer errors (a misuse that started to compile) fails it (TS2578).
import type { Socket } from 'socket.io-client';
import type { ClientToServer, Result, ServerToClient, TicketStatusView } from '../../main/protocol/index.js';
import { connectHub } from '../../renderer/src/lib/hub.js';

declare const counter: Socket<ServerToClient<'counter'>, ClientToServer<'counter'>>;

// Emits: the role's own commands, with their payloads and acks.
counter.emit('window:signIn', { requestId: 'r-12345678' }, (r: Result) => void r);
// @ts-expect-error a wrong event name
counter.emit('window:callNxt', { requestId: 'r-12345678' }, () => {});
// @ts-expect-error a counter cannot send a kiosk command
counter.emit('ticket:issue', { requestId: 'r-12345678', serviceCode: 'GS-01', kind: 'normal' }, () => {});
// @ts-expect-error a wrong payload
counter.emit('window:callNumber', { requestId: 'r-12345678', number: 12 }, () => {});
// @ts-expect-error a wrong ack type: the answer is a Result, not a string
counter.emit('window:finish', { requestId: 'r-12345678' }, (r: string) => void r);
counter.on('hall:events', (f) => void f.events.map((e) => e.seq));
// @ts-expect-error a counter is not sent a phone's status
counter.on('ticket:status', (s: TicketStatusView) => void s);

// connectHub: the handshake of the role, then typed commands (requestId added by the client).
const desk = connectHub('counter', { token: 't'.repeat(16), windowNo: 1 });
// @ts-expect-error a counter's handshake names its window
connectHub('counter', { token: 't'.repeat(16) });
// @ts-expect-error the phone's handshake says visitId, not ticketId
connectHub('ticket', { ticketId: 'v1', token: 'k'.repeat(8) });
connectHub('ticket', { visitId: 'v1', token: 'k'.repeat(8) });

void desk.command('window:signIn', {});
void desk.command('window:callNumber', { number: 'A012' });
// @ts-expect-error a counter cannot send a kiosk command
void desk.command('ticket:issue', { serviceCode: 'GS-01', kind: 'normal' });
// @ts-expect-error a wrong payload
void desk.command('window:pause', { reason: 3 });
// @ts-expect-error not an event a counter sends
void desk.command('hall:events', {});

const slots = await connectHub('public', {}).command('appointment:slots', { serviceCode: 'GS-01', date: '2026-12-02' });
if (slots.ok) slots.slots satisfies readonly { slotStart: number }[];
const booked = await connectHub('public', {}).command('appointment:book', { serviceCode: 'GS-01', slotStart: 1, name: '张三', phone: '13800000000' });
export const bookedType: typeof booked = booked;
if (booked.ok) {
  booked.appointment satisfies { code: string } | undefined;
  // @ts-expect-error a wrong ack type: a booking answers a CommandReply, which has no slots
  void booked.slots;
}

desk.socket.on('hall:snapshot', (s) => void s.seq);
// @ts-expect-error the display takes no commands
void connectHub('display', { token: 't'.repeat(16) }).command('window:callNext', {});
