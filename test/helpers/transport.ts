// Small waits for transport tests: a state, or a number of bytes, within a deadline.
import type { Transport, TransportState } from '../../drivers/transport/types.js';

export function waitForState(t: Transport, state: TransportState, timeoutMs = 3000): Promise<number> {
  const started = Date.now();
  if (t.state === state) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      t.off('state', onState);
      reject(new Error(`${t.name}: still '${t.state}' after ${timeoutMs} ms, expected '${state}'`));
    }, timeoutMs);
    function onState(s: TransportState): void {
      if (s !== state) return;
      clearTimeout(timer);
      t.off('state', onState);
      resolve(Date.now() - started);
    }
    t.on('state', onState);
  });
}

/** Collect everything `t` reads; `take(n)` resolves with the first n bytes not yet taken. */
export function collect(t: Transport): { take(n: number, timeoutMs?: number): Promise<Buffer>; stop(): void } {
  let buffer = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  const onData = (chunk: Buffer): void => {
    buffer = Buffer.concat([buffer, chunk]);
    waiter?.();
  };
  t.on('data', onData);
  return {
    async take(n, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (buffer.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${t.name}: got ${buffer.length} of ${n} bytes within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        waiter = undefined;
      }
      const out = buffer.subarray(0, n);
      buffer = buffer.subarray(n);
      return out;
    },
    stop() {
      t.off('data', onData);
    },
  };
}
