// `socket.timeout(ms).emitWithAck(…)` answers with the ack's value or rejects after `ms`; socket.io-client
// types that value `any` (its timeout decoration puts an Error first). `ask` keeps the contract's type.
import type { Socket } from 'socket.io-client';

type EmitsOf<S> = S extends Socket<infer _L, infer E> ? E : never;
type ParamsOf<S, Ev> = Ev extends keyof EmitsOf<S> ? (EmitsOf<S>[Ev] extends (...args: infer P) => void ? P : never) : never;
type AllButLast<T> = T extends [...infer H, unknown] ? H : never;
type AckValue<T> = T extends [...unknown[], (value: infer R) => void] ? R : never;

export function ask<S extends Socket, Ev extends keyof EmitsOf<S> & string>(
  socket: S,
  ms: number,
  event: Ev,
  ...args: AllButLast<ParamsOf<S, Ev>>
): Promise<AckValue<ParamsOf<S, Ev>>> {
  const timed = socket.timeout(ms) as unknown as { emitWithAck(event: string, ...args: unknown[]): Promise<AckValue<ParamsOf<S, Ev>>> };
  return timed.emitWithAck(event, ...args);
}
