// The connection to the hub: a Socket.IO client typed with the protocol's maps for one role.
//
//   const hub = connectHub('kiosk', { token })           // or 'counter' with { token, windowNo }, 'display', 'ticket', 'agent' (pad)…
//   hub.socket                                           // Socket<KioskServerEvents, KioskClientEvents>: hub.socket.on('kiosk:state', …)
//   hub.state / hub.onState((s) => …)                   // 'connecting' | 'online' | 'offline' | 'refused' (for a banner)
//   hub.refusal                                          // { code, message } when the hub refused the handshake (message zh-CN)
//   await hub.command('ticket:issue', { serviceCode, kind })   // requestId added; the hub's Result, however long it takes
//   await hub.command('ticket:issue', p, { signal })           // signal aborts: no more resends → { ok:false, code:'abandoned' }
//   await hub.command('window:finish', {}, { requestId })      // a requestId of your own (the same one = the same command)
//   hub.lastSeq = n                                      // the hall state (hall-state.ts) keeps this; it is sent on every reconnect
//   hub.resync()                                         // reconnect now, sending lastSeq (a gap was seen): the hub replays or snapshots
//   hub.close()
//
// Reconnects forever (1 s → 5 s backoff). `auth` is a function, so each reconnect sends the current
// lastSeq and the hub replays only what was missed. A refused handshake (bad token, expired session)
// is not retried: state 'refused' with the hub's message; call hub.retry() after fixing the cause.
// A command keeps its requestId until it is answered: resent with it after 8 s without an answer and
// after every reconnect (outbox.ts), so a lost answer is fetched again and the hub never applies a
// tap twice. It never ends in a 'timeout' or 'offline' refusal the hub might contradict; the screen
// shows 正在处理 meanwhile.
import './zod-config.js';
import { io, type Socket } from 'socket.io-client';
import {
  roles,
  type ClientToServer,
  type HandshakeOf,
  type Failure,
  type Result,
  type Role,
  type ServerToClient,
} from '../../../main/protocol/index.js';
import { t } from './i18n.js';
import { requestId } from './ids.js';
import { ABANDONED, Outbox } from './outbox.js';

/** Per role, from the protocol's role table: what the hub sends, what the client sends, the
 * handshake auth (without lastSeq, which the connection adds itself). */
export type RoleMaps = {
  [R in Role]: { server: ServerToClient<R>; client: ClientToServer<R>; auth: Omit<HandshakeOf<R>, 'lastSeq'> };
};
export type HubRole = Role;
/** Roles that follow the hall (hall:snapshot / hall:event) and resume with lastSeq. */
const followsHall = (role: HubRole): boolean => roles[role].follows !== 'none';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';
export interface Refusal {
  readonly code: string;
  readonly message: string;
}

/** Events of a map that take an acknowledgement, i.e. commands (none for a map of `never`: a role that only listens). */
export type CommandName<C> = { [K in keyof C]: [C[K]] extends [never] ? never : C[K] extends (payload: never, ack: never) => void ? K : never }[keyof C] & string;
type PayloadArg<F> = F extends (payload: infer P, ack: never) => void ? P : never;
type ReplyOf<F> = F extends (payload: never, ack: (r: infer R) => void) => void ? R : never;
/** A command's payload without its requestId (the wrapper adds it). */
export type CommandPayload<C, K extends keyof C> = Omit<PayloadArg<C[K]>, 'requestId'>;
export type CommandResult<C, K extends keyof C> = ReplyOf<C[K]> extends never ? Result : ReplyOf<C[K]>;

/** How long a command waits for its answer before it is sent again (same requestId). */
export const COMMAND_TIMEOUT_MS = 8000;

export interface CommandOptions {
  /** The command's id; default a fresh one. Reuse one only to send the very same command again. */
  readonly requestId?: string;
  /** Stop waiting: no more resends, a late answer is dropped, the promise gives { ok:false, code:'abandoned' }. */
  readonly signal?: AbortSignal;
}

export interface HubConnection<R extends HubRole> {
  readonly role: R;
  readonly socket: Socket<RoleMaps[R]['server'], RoleMaps[R]['client']>;
  readonly state: ConnectionState;
  readonly refusal: Refusal | undefined;
  lastSeq: number | undefined;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** A Failure is among every command's answers; it is also what an abandoned command gives. */
  command<K extends CommandName<RoleMaps[R]['client']>>(
    event: K,
    payload: CommandPayload<RoleMaps[R]['client'], K>,
    options?: CommandOptions,
  ): Promise<CommandResult<RoleMaps[R]['client'], K> | Failure>;
  resync(): void;
  retry(): void;
  close(): void;
}

export interface ConnectOptions {
  /** The hub's address; default this page's origin (the hub serves the renderer). */
  readonly url?: string;
  readonly lastSeq?: number;
}

export function connectHub<R extends HubRole>(role: R, auth: RoleMaps[R]['auth'], options: ConnectOptions = {}): HubConnection<R> {
  const listeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let refusal: Refusal | undefined;
  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of [...listeners]) l(s);
  };

  const conn = {
    role,
    lastSeq: options.lastSeq,
  };

  const socket: Socket<RoleMaps[R]['server'], RoleMaps[R]['client']> = io(`${options.url ?? location.origin}${roles[role].namespace}`, {
    transports: ['websocket'],
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    timeout: 8000,
    // A function: called on every (re)connect, so the hub always gets the newest lastSeq.
    auth: (cb: (data: object) => void) =>
      cb(followsHall(role) && conn.lastSeq !== undefined ? { ...auth, lastSeq: conn.lastSeq } : { ...auth }),
  });
  // The outbox resends any command by its name (it knows no role); `command` below is what types it.
  const wire: Socket = socket;

  socket.on('connect', () => {
    refusal = undefined;
    setState('online');
  });
  // After 'io server disconnect' (signed out at the hub) socket.io does not reconnect by itself.
  socket.on('disconnect', () => setState('offline'));
  socket.on('connect_error', (err: Error & { data?: Partial<Refusal> }) => {
    if (!socket.active) {
      // The hub's middleware refused us: retrying with the same credentials cannot help.
      refusal = { code: err.data?.code ?? 'refused', message: err.data?.message ?? err.message };
      setState('refused');
    } else {
      setState('offline');
    }
  });

  const outbox = new Outbox(
    {
      get connected() {
        return socket.connected;
      },
      send: (event, payload, timeoutMs) => wire.timeout(timeoutMs).emitWithAck(event, payload),
      onConnect: (listener) => (socket.on('connect', listener), () => void socket.off('connect', listener)),
    },
    COMMAND_TIMEOUT_MS,
  );

  const result: HubConnection<R> = {
    role,
    socket,
    get state() {
      return state;
    },
    get refusal() {
      return refusal;
    },
    get lastSeq() {
      return conn.lastSeq;
    },
    set lastSeq(v) {
      conn.lastSeq = v;
    },
    onState(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async command(event, payload, options = {}) {
      const answer = await outbox.send(event, { ...payload, requestId: options.requestId ?? requestId() }, options.signal);
      if (answer === ABANDONED) return { ok: false as const, code: 'abandoned', message: t('common.abandoned') };
      // The hub answers `event` through its ack, whose type is the role's map's (main/protocol).
      return answer as CommandResult<RoleMaps[R]['client'], typeof event>;
    },
    resync() {
      socket.disconnect();
      setState('connecting');
      socket.connect();
    },
    retry() {
      setState('connecting');
      socket.connect();
    },
    close() {
      listeners.clear();
      outbox.abandonAll();
      socket.close();
    },
  };
  return result;
}
