// The queue engine's public face: the hall model, state, commands, events and the engine.
export * from './hall.js';
export * from './model.js';
export * from './refusals.js';
export { decide, evolve, needsNewDay, applyAll, type Decision } from './engine.js';
export { availability, slotsOn, type SlotAvailability } from './visitor.js';
export { estimate, estimator, greenAuthority, openWindowsFor, type Estimate } from './issuing.js';
export { elsewhere, whereabouts } from './whereabouts.js';
export { pickNext, isEligible, waitingFor, waitingCounts } from './strategy.js';
export { ageOn, checkIdentity, isPriorityAge, type CardIdentity } from './identity.js';
export { maskName, maskPhone, maskIdNumber } from '../rules/index.js';
export { addWorkingDays, hallDay, isWorkingDay, localTime, instantOf, workingDaysBetween } from './time.js';
export {
  diffAlarms,
  followUpDue,
  hallAlarms,
  pauseLimitMs,
  type Alarm,
  type AlarmDiff,
  type AlarmKind,
  type AlarmSeverity,
  type AlarmSignals,
  type AlarmSubject,
  type DeviceStatus,
  type LoginFailure,
  type OpenableWindow,
  type OpenFollowUp,
} from './alarms.js';
