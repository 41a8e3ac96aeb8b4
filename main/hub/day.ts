// The hall day turns over by itself: at the reset time the hub opens the new day (yesterday's
// unfinished tickets expire, windows sign out, numbers restart) and publishes it, so displays and
// kiosks show the fresh day even when no command arrives overnight.
import { hallDay, instantOf, needsNewDay } from '../queue/index.js';
import type { HubCore } from './core.js';

/** The instant the day after `day` begins (its reset time, in the hall's time zone). */
export function nextDayStarts(hub: HubCore, day: string): number {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const [h, m] = hub.state.hall.config.hall.dayResetTime.split(':').map(Number) as [number, number];
  return instantOf(hub.state.hall, next.toISOString().slice(0, 10), h * 60 + m);
}

/**
 * Check at the next reset instant, and at least every `checkEveryMs` (the clock is injectable and
 * may jump; the host clock may be corrected). Returns a stop function.
 */
export function startDayRollover(hub: HubCore, checkEveryMs = 30_000): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    try {
      const now = hub.clock();
      if (needsNewDay(hub.state, now)) {
        const day = hallDay(hub.state.hall, now);
        const result = hub.run({ type: 'openDay', requestId: `openDay:${day}:${hub.store.lastSeq + 1}` }, { role: 'system', id: 'clock' });
        if (result.ok) hub.log.info({ day }, 'new hall day opened');
        else hub.log.warn({ day, result }, 'could not open the new hall day');
      }
    } catch (err) {
      hub.log.error({ err }, 'day rollover failed');
    }
    // Past the next start means the day could not be opened: try again later, not in a tight loop.
    const until = nextDayStarts(hub, hub.state.day) - hub.clock();
    timer = setTimeout(tick, until > 0 ? Math.min(checkEveryMs, until) : checkEveryMs);
    timer.unref();
  };
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
