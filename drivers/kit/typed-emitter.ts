// The one typed EventEmitter of the drivers, their simulators and the agent's device set: a class
// names its event map once (`extends TypedEmitter<TransportEvents>`) instead of overriding
// on/off/once/emit itself. The maps are written as listeners ({ data: (chunk: Buffer) => void }), the
// way the device interfaces (Transport, TicketPrinter, …) declare them; see docs/decisions.md for why
// this is not Node's own generic EventEmitter<T>.
import { EventEmitter } from 'node:events';

/**
 * Event name → listener, the way drivers/*\/types.ts declare their events. `any[]` (not unknown[]) so
 * a listener of the map still fits EventEmitter's own `(...args: any[]) => void` that we override.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ListenerMap<T> = { [K in keyof T]: (...args: any[]) => void };

type Name<Events> = keyof Events & string;

/**
 * `on`, `once`, `off` and `emit` take only the events of `Events`, with their own argument types;
 * an unknown event name or a wrong payload is a compile error.
 */
export class TypedEmitter<Events extends ListenerMap<Events>> extends EventEmitter {
  override on<E extends Name<Events>>(event: E, listener: Events[E]): this {
    return super.on(event, listener);
  }
  override once<E extends Name<Events>>(event: E, listener: Events[E]): this {
    return super.once(event, listener);
  }
  override off<E extends Name<Events>>(event: E, listener: Events[E]): this {
    return super.off(event, listener);
  }
  override emit<E extends Name<Events>>(event: E, ...args: Parameters<Events[E]>): boolean {
    return super.emit(event, ...args);
  }
}
