// Every role of the hub declared once: its namespace, its handshake, how it proves who it is, what
// it follows and its command table; and, per role, the Socket.IO maps both ends are typed with
// (the hub's Namespace, the screen's Socket). A role added here without its maps does not compile.
import { z } from 'zod';
import { agentCommands, counterCommands, kioskCommands, publicCommands, superviseCommands, type CommandTable } from './commands.js';
import type {
  AgentClientEvents,
  AgentServerEvents,
  CounterClientEvents,
  CounterServerEvents,
  DisplayClientEvents,
  DisplayServerEvents,
  HallFeedEvents,
  KioskClientEvents,
  KioskServerEvents,
  PublicClientEvents,
  PublicServerEvents,
  SuperviseClientEvents,
  SuperviseServerEvents,
  TicketClientEvents,
  TicketServerEvents,
} from './events.js';

/**
 * How a role proves who it is in the handshake: `device` a paired device's token (db/access.ts),
 * `staff` a session token from POST /api/login, `visit` the token printed in a ticket's QR code,
 * `none` nobody (the public booking page, rate limited per address).
 */
export type Authentication = 'device' | 'staff' | 'visit' | 'none';
/** `hall`: the hall feed (hall:snapshot, hall:events, hall:counts), of what concerns the client; `hall+complaints`: with the complaints in it. */
export type Follows = 'none' | 'hall' | 'hall+complaints';

export interface RoleDeclaration {
  readonly namespace: `/${string}`;
  readonly handshake: z.ZodType;
  readonly authentication: Authentication;
  readonly follows: Follows;
  readonly commands: CommandTable;
}

const token = z.string().min(16).max(256);
const lastSeq = z.number().int().min(0).optional();
const noCommands = {} as const;
const windowNo = z.number().int().min(1).max(999);
/**
 * What a display follows: `calls` the calls at some windows (a hall display's zone, 分区叫号; the
 * whole hall without `windows`) and every service's waiting count; `window` the state of its windows
 * and of the tickets at them (a window's own LED page). The hub sends it nothing else.
 */
export const displayFollow = z.discriminatedUnion('view', [
  z.object({ view: z.literal('calls'), windows: z.array(windowNo).min(1).max(999).optional() }).strict(),
  z.object({ view: z.literal('window'), windows: z.array(windowNo).min(1).max(16) }).strict(),
]);
export type DisplayFollow = z.infer<typeof displayFollow>;

export const roles = {
  /** 取号机: issues numbers, checks in appointments. */
  kiosk: { namespace: '/kiosk', handshake: z.object({ token, lastSeq }).strict(), authentication: 'device', follows: 'hall', commands: kioskCommands },
  /** 综合屏: listens only. */
  display: {
    namespace: '/display',
    handshake: z.object({ token, lastSeq, follow: displayFollow.default({ view: 'calls' }) }).strict(),
    authentication: 'device',
    follows: 'hall',
    commands: noCommands,
  },
  /** A hall PC's device agent (printers, LED, keypads, callers, ID readers, scanners). */
  agent: { namespace: '/agent', handshake: z.object({ token, lastSeq }).strict(), authentication: 'device', follows: 'none', commands: agentCommands },
  /** 窗口: staff at one window; signs in there with window:signIn. */
  counter: {
    namespace: '/counter',
    handshake: z.object({ token, windowNo, lastSeq }).strict(),
    authentication: 'staff',
    follows: 'hall',
    commands: counterCommands,
  },
  /** 效能监察: overseers watch the hall, its device alarms and complaints. */
  supervise: { namespace: '/supervise', handshake: z.object({ token, lastSeq }).strict(), authentication: 'staff', follows: 'hall+complaints', commands: superviseCommands },
  /** 网上预约: anyone. */
  public: { namespace: '/public', handshake: z.object({}).passthrough(), authentication: 'none', follows: 'none', commands: publicCommands },
  /** 扫码查看: a visitor's phone, one visit (all its legs), listens only. */
  ticket: {
    namespace: '/ticket',
    handshake: z.object({ visitId: z.string().min(1).max(64), token: z.string().min(8).max(128) }).strict(),
    authentication: 'visit',
    follows: 'none',
    commands: noCommands,
  },
} as const satisfies Readonly<Record<string, RoleDeclaration>>;

export type Role = keyof typeof roles;

/** Per role: what the client sends (its commands) and what the hub sends. */
export interface RoleEvents {
  kiosk: { client: KioskClientEvents; server: KioskServerEvents };
  display: { client: DisplayClientEvents; server: DisplayServerEvents };
  agent: { client: AgentClientEvents; server: AgentServerEvents };
  counter: { client: CounterClientEvents; server: CounterServerEvents };
  supervise: { client: SuperviseClientEvents; server: SuperviseServerEvents };
  public: { client: PublicClientEvents; server: PublicServerEvents };
  ticket: { client: TicketClientEvents; server: TicketServerEvents };
}
export type ClientToServer<R extends Role> = RoleEvents[R]['client'];
export type ServerToClient<R extends Role> = RoleEvents[R]['server'];
/** The hub runs as one process: no events between servers. */
export type InterServer = Record<string, never>;
/** A role's handshake `auth` as the client writes it. */
export type HandshakeOf<R extends Role> = z.input<(typeof roles)[R]['handshake']>;
export type ParsedHandshake<R extends Role> = z.output<(typeof roles)[R]['handshake']>;

/** The roles that follow the hall feed. */
export type FeedRole = { [R in Role]: (typeof roles)[R]['follows'] extends 'none' ? never : R }[Role];
// Each of them receives the feed's events: a role that follows the hall without them does not compile.
const feedRolesHearTheFeed: { [R in FeedRole]: ServerToClient<R> extends HallFeedEvents ? true : never } = {
  kiosk: true,
  display: true,
  counter: true,
  supervise: true,
};
void feedRolesHearTheFeed;
