// The demo hall: config/demo-hall.yml, opened around the clock on every day so `npm start` can be
// tried at night and at weekends. Everything else (departments, services, windows, staff, rules)
// is the file as a hall would write it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { parseHallYaml } from '../config/hall-file.js';
import type { Hall } from '../queue/index.js';

export const DEMO_HALL = fileURLToPath(new URL('../../config/demo-hall.yml', import.meta.url));

interface HallFileShape {
  hall: { hours: unknown; stopIssuingMinutesBeforeClose?: number };
  calendar?: { holidays?: string[]; workdays?: string[] };
  services: { hours?: unknown }[];
}

/** The demo hall file; `aroundTheClock` opens it all day, every day (the default for the demo). */
export function demoHall(options: { aroundTheClock: boolean; today?: Date } = { aroundTheClock: true }): Hall {
  const text = readFileSync(DEMO_HALL, 'utf8');
  if (!options.aroundTheClock) return parseHallYaml(text, DEMO_HALL);
  const config = parse(text) as HallFileShape;
  config.hall.hours = [{ from: '00:00', to: '23:59' }];
  config.hall.stopIssuingMinutesBeforeClose = 0;
  for (const s of config.services) delete s.hours;
  // Every day of the coming fortnight is a working day (weekends and holidays included).
  const today = options.today ?? new Date();
  const days = Array.from({ length: 15 }, (_, i) => new Date(today.getTime() + (i - 1) * 86_400_000).toISOString().slice(0, 10));
  const holidays = new Set(days);
  config.calendar = {
    holidays: (config.calendar?.holidays ?? []).filter((d) => !holidays.has(d)),
    workdays: [...new Set([...(config.calendar?.workdays ?? []), ...days])],
  };
  return parseHallYaml(stringify(config), `${DEMO_HALL} (open around the clock)`);
}
