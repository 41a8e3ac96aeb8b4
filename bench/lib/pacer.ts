// An open-loop pacer: fires `rate` times a second at planned instants (start + i/rate), never
// waiting for earlier commands to finish, so a slow hub shows up as latency rather than as a lower
// offered load. When the generator itself falls behind it catches up, and how late each fire was is
// recorded, so a busy load generator is visible in the report rather than hidden in it.
import { performance } from 'node:perf_hooks';

export function pace(options: {
  readonly rate: number;
  readonly durationMs: number;
  readonly startAt: number;
  readonly offsetMs?: number;
  readonly fire: () => void;
  readonly lateness: number[];
}): Promise<void> {
  const { rate, durationMs, startAt, fire, lateness } = options;
  const interval = 1000 / rate;
  const total = Math.floor((durationMs / 1000) * rate);
  const planned = (i: number) => startAt + (options.offsetMs ?? 0) + i * interval;
  let i = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && planned(i) <= now) {
        lateness.push(now - planned(i));
        i++;
        fire();
      }
      if (i >= total) return resolve();
      setTimeout(tick, Math.max(0, planned(i) - performance.now()));
    };
    tick();
  });
}
