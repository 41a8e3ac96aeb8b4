// Every reason the engine refuses a command: a stable code (the i18n key) and the zh-CN text shown
// to the person as is, from the one table of refusal texts (main/rules/refusals.ts).
import { engineRefusals, refusalText, type RefusalParams } from '../rules/refusals.js';

export type { RefusalParams };

export const refusalMessages = engineRefusals;
export type RefusalCode = keyof typeof refusalMessages;

export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly message: string;
  readonly params?: RefusalParams;
}

export function refuse(code: RefusalCode, params?: RefusalParams): Refusal {
  const message = refusalText(code, params);
  return params ? { ok: false, code, message, params } : { ok: false, code, message };
}
