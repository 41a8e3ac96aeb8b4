// Shared shapes for the command handlers.
import type { Changes, CommandOf, CommandType, Context, EventType, HallEvent, HallState, Reply } from './model.js';
import type { Refusal } from './refusals.js';

export type Decision = { readonly ok: true; readonly events: HallEvent[]; readonly reply: Reply } | Refusal;

export type Handler<T extends CommandType> = (state: HallState, cmd: CommandOf<T>, ctx: Context) => Decision;

export function event(type: EventType, ctx: Context, changes: Changes, windowNo?: number): HallEvent {
  return windowNo === undefined ? { type, at: ctx.now, changes } : { type, at: ctx.now, windowNo, changes };
}

export function accept(reply: Reply, ...events: HallEvent[]): Decision {
  return { ok: true, events, reply };
}
