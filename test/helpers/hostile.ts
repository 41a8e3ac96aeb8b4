// Hostile clients: every JavaScript value type as a Socket.IO event name and as its payload
// (numbers, strings that look like commands or prototype keys, objects, arrays, null, booleans,
// binary attachments), with an ack, without one, with a non-function where the ack would be, with
// extra arguments, on every namespace of the hub. Shared by the CI fuzz test (a sample) and
// `npm run bench -- fuzz` (the drill of 100,000 and more).
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { agentCommands, counterCommands, kioskCommands, publicCommands, superviseCommands } from '../../main/protocol/index.js';

type Loose = Socket<Record<string, (...args: unknown[]) => void>, Record<string, (...args: unknown[]) => void>>;

/** The names socket.io keeps for itself: its client refuses to send them, its parser to read them. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

const tables: readonly Readonly<Record<string, { safeParse(v: unknown): { success: boolean } }>>[] = [kioskCommands, counterCommands, agentCommands, superviseCommands, publicCommands];
const commandNames = tables.flatMap((t) => Object.keys(t));

function printable(name: unknown): boolean {
  try {
    String(name);
    return true;
  } catch {
    return false;
  }
}

function isValidCommand(m: HostileMessage): boolean {
  if (typeof m.name !== 'string' || m.args.length !== 1 || m.ack !== 'ack') return false;
  return tables.some((t) => Object.hasOwn(t, m.name as string) && t[m.name as string]!.safeParse(m.args[0]).success);
}
const trickyNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'hall:event', 'hall:snapshot', 'job:run', 'ticket:status', '', ' ', '\u0000', '🙂'.repeat(40)];

/** An event name of any type: strings (commands of every role, prototype keys, junk), numbers, and the
 * non-string values the wire can carry (which the hub's parser refuses by dropping the connection). */
export const hostileName: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...commandNames, ...trickyNames) },
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }).filter((s) => !RESERVED.has(s)) },
  { weight: 3, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 2 ** 53, 1e308)) },
  { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.boolean(), fc.object({ maxDepth: 1 }), fc.array(fc.integer(), { maxLength: 3 })) },
);

/** A payload of any type, binary attachments included. */
export const hostilePayload: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 6, withNullPrototype: true, withBigInt: false, withBoxedValues: true }) },
  { weight: 2, arbitrary: fc.record({ requestId: fc.oneof(fc.uuid(), fc.anything({ maxDepth: 1 })), serviceCode: fc.anything({ maxDepth: 1 }), ticketId: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.record({ data: fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b)), requestId: fc.uuid() }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2000 }) },
);

/** How the message is sent: the payloads, and what stands where the ack would be. */
export interface HostileMessage {
  readonly name: unknown;
  readonly args: readonly unknown[];
  /** 'ack': a real callback; 'none': no ack; 'value': a non-function last argument. */
  readonly ack: 'ack' | 'none' | 'value';
}

export const hostileMessage: fc.Arbitrary<HostileMessage> = fc.record({
  name: hostileName,
  args: fc.array(hostilePayload, { minLength: 0, maxLength: 3 }),
  ack: fc.constantFrom<'ack' | 'none' | 'value'>('ack', 'ack', 'none', 'value'),
});

export interface StormTally {
  sent: number;
  /** Answered with { ok:false, code, message } (message in Chinese). */
  refused: number;
  /** Answered with anything else: a failure of the test's premise (no hostile message may succeed). */
  accepted: number;
  /** An ack that never came within the timeout. */
  unanswered: number;
  /** Messages socket.io-client would not send at all (not counted in `sent`). */
  unsendable: number;
  /** Connections the hub dropped (a name its parser refuses, a frame too large): reconnected. */
  dropped: number;
  /** Examples of what went wrong, for the report. */
  readonly problems: string[];
}

const zh = /[\u4e00-\u9fff]/;

export interface StormClient {
  readonly nsp: string;
  /** A fresh connected socket for this namespace (called again after the hub drops one). */
  connect(): Promise<Socket>;
}

/** Connect with auth, forceNew, websocket only; resolves when connected. */
export function openSocket(url: string, nsp: string, auth: object): Promise<Socket> {
  const socket = io(`${url}${nsp}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/**
 * Send `count` hostile messages spread over the clients (one at a time per client, clients in
 * parallel), each answered or not as its form demands. A message without an ack is followed, on
 * that socket, by an acknowledged probe (an unknown event) so the tally knows the hub read it.
 */
export async function runStorm(clients: readonly StormClient[], count: number, options: { seed?: number; ackTimeoutMs?: number } = {}): Promise<StormTally> {
  const tally: StormTally = { sent: 0, refused: 0, accepted: 0, unanswered: 0, dropped: 0, unsendable: 0, problems: [] };
  const problem = (what: string) => {
    if (tally.problems.length < 20) tally.problems.push(what);
  };
  // A hostile message that happens to be a valid command (e.g. window:callNext with a fresh
  // requestId) would rightly be run: leave those out, so every message sent must be refused.
  // Nor names socket.io-client cannot turn into text (an object whose toString is not a function):
  // it throws before anything is sent.
  const messages = fc.sample(hostileMessage.filter((m) => !isValidCommand(m) && printable(m.name)), { numRuns: count, ...(options.seed !== undefined && { seed: options.seed }) });
  const timeout = options.ackTimeoutMs ?? 10_000;
  const perClient = clients.map((c, i) => ({ client: c, messages: messages.filter((_, j) => j % clients.length === i) }));

  await Promise.all(
    perClient.map(async ({ client, messages: mine }) => {
      let socket = (await client.connect()) as unknown as Loose;
      const answer = (reply: unknown, what: string) => {
        const r = reply as { ok?: unknown; code?: unknown; message?: unknown } | null;
        if (r && r.ok === false && typeof r.code === 'string' && typeof r.message === 'string' && zh.test(r.message)) tally.refused++;
        else {
          tally.accepted++;
          problem(`${client.nsp} ${what}: answered ${JSON.stringify(reply)?.slice(0, 200)}`);
        }
      };
      for (const m of mine) {
        tally.sent++;
        const what = `${describe(m.name)} ${m.ack} (${m.args.length} args)`;
        const dropped = new Promise<'dropped'>((resolve) => socket.once('disconnect', () => resolve('dropped')));
        const name = m.name as string;
        let outcome: unknown;
        // socket.io-client itself refuses to send some names (an object whose toString is not a
        // function cannot become a string): those never reach the hub.
        const notSent = (err: unknown) => (err instanceof Error && /timed out/.test(err.message) ? ('timeout' as const) : ('unsendable' as const));
        if (m.ack === 'ack') {
          outcome = await Promise.race([socket.timeout(timeout).emitWithAck(name, ...m.args).catch(notSent), dropped]);
        } else {
          try {
            socket.emit(name, ...m.args, ...(m.ack === 'value' ? [{ ack: 'not a function' }] : []));
            outcome = await Promise.race([socket.timeout(timeout).emitWithAck('probe:after', {}).then(() => 'probed' as const, notSent), dropped]);
          } catch {
            outcome = 'unsendable';
          }
        }
        if (outcome === 'unsendable') {
          tally.sent--;
          tally.unsendable++;
          continue;
        }
        // A drop the client noticed only when its wait ran out is still a drop.
        if (outcome === 'timeout' && !socket.connected) outcome = 'dropped';
        if (outcome === 'dropped') {
          tally.dropped++;
          // Only a name the wire cannot carry as an event, or an oversized frame, may cost the connection.
          if (typeof m.name === 'string' || typeof m.name === 'number') problem(`${client.nsp} ${what}: connection dropped`);
          socket.close();
          socket = await client.connect();
        } else if (outcome === 'timeout') {
          tally.unanswered++;
          problem(`${client.nsp} ${what}: no answer within ${timeout} ms: ${JSON.stringify([m.name, ...m.args])?.slice(0, 300)}`);
        } else if (m.ack === 'ack') {
          answer(outcome, what);
        }
      }
      socket.close();
    }),
  );
  return tally;
}

function describe(name: unknown): string {
  if (typeof name === 'string') return JSON.stringify(name.slice(0, 30));
  if (typeof name === 'number') return `number ${name}`;
  return `${name === null ? 'null' : Array.isArray(name) ? 'array' : typeof name} name`;
}
