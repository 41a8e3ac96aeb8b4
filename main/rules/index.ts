// The hall's rules that the hub's engine and the screens must apply alike: the order a waiting line
// stands in, which window may call a ticket, what a ticket number looks like, how personal data is
// masked, how instants read in the hall's time zone, which days the hall works (calendar.ts); and
// (config-problem.ts) how a mistake in a hand-edited file is stated. Pure: imports nothing of ours,
// no Node, so every layer may import it.
export { laneOrder, byRank, inLine, type Lane, type Ranked, type InLine } from './queue-order.js';
export { mayCall, type Callable, type ServiceSet } from './eligibility.js';
export { PREFIX_PATTERN, NUMBER_PATTERN, formatNumber, numberSeq, normalizeNumber } from './number.js';
export { maskName, maskPhone, maskIdNumber } from './mask.js';
export { addDays, addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from './calendar.js';
export { DEFAULT_TIME_ZONE, localTime, clockText, dateTimeText, type LocalTime } from './time.js';
export { refusal, refusalText, refusalTexts, type RefusalKey } from './refusals.js';
