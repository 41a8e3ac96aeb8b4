// The one table of refusal texts (main/rules/refusals.ts), with the wire contract: the hub and the
// screens read a refusal's text from it by code.
export { engineRefusals, hubRefusals, refusal, refusalText, refusalTexts, type RefusalCodeOf, type RefusalKey, type RefusalParams } from '../rules/refusals.js';
