import { KeypadPoller, type PollerOptions } from './poller.js';
import type { CallerKeypad, CallerKeypadEvents, KeyEvent, KeyPress } from './types.js';

export type CallerKeypadOptions = PollerOptions;

/**
 * 呼叫器: many on one RS-485 bus, each address mapped to a window by the agent's config. Each
 * key press becomes one `key` event tagged with the address it came from.
 */
export class CallerKeypadDriver extends KeypadPoller<CallerKeypadEvents> implements CallerKeypad {
  constructor(options: CallerKeypadOptions) {
    super('呼叫器', options);
  }

  showNumber(address: number, number: string): Promise<void> {
    return this.sendCommand(address, { kind: 'showNumber', number });
  }

  protected onPress(address: number, press: KeyPress, at: Date): void {
    if (press.kind !== 'key') {
      this.log.debug({ keypad: this.name, address, press }, 'rating key on a caller keypad; ignored');
      return;
    }
    const event: KeyEvent = press.key === 'digits' ? { key: 'digits', digits: press.digits ?? '', address, at } : { key: press.key, address, at };
    this.emit('key', event);
  }

}
