// The ticket printer's public face for the agent and the admin UI's preview.
export type * from './types.js';
export { EscposPrinter, type EscposPrinterOptions } from './escpos-printer.js';
export {
  DEFAULT_LAYOUT,
  charsPerLine,
  renderTicket,
  renderTicketSvg,
  testPage,
  renderTestPageSvg,
  formatHallTime,
} from './ticket.js';
export { canPrint, describe as describeStatus, mainProblem, decodeRealtimeStatus, decodeAsb } from './status.js';
export { StatusParser, type StatusFrame } from './status-parser.js';
