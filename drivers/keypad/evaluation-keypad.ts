import { KeypadPoller, type PollerOptions } from './poller.js';
import {
  DEFAULT_KEYPAD_TEXTS,
  welcomeText,
  type EvaluationKeypad,
  type EvaluationKeypadEvents,
  type KeyPress,
  type RatingEvent,
  type WelcomeInfo,
} from './types.js';

export interface EvaluationKeypadOptions extends PollerOptions {
  /** Override the screen texts (a hall may word them its own way). */
  texts?: { prompt?: string; thanks?: string };
}

/**
 * 评价器: polls its addresses and turns each rating key press into one `rating` event. One rating
 * per visit is the hub's rule (it binds a rating to the ticket); the keypad reports every press.
 */
export class EvaluationKeypadDriver extends KeypadPoller<EvaluationKeypadEvents> implements EvaluationKeypad {
  readonly #texts: { prompt: string; thanks: string };

  constructor(options: EvaluationKeypadOptions) {
    super('评价器', options);
    this.#texts = { ...DEFAULT_KEYPAD_TEXTS, ...options.texts };
  }

  welcome(address: number, info: WelcomeInfo): Promise<void> {
    return this.sendCommand(address, { kind: 'welcome', text: welcomeText(info) });
  }

  prompt(address: number): Promise<void> {
    return this.sendCommand(address, { kind: 'prompt', text: this.#texts.prompt });
  }

  thanks(address: number): Promise<void> {
    return this.sendCommand(address, { kind: 'thanks', text: this.#texts.thanks });
  }

  protected onPress(address: number, press: KeyPress, at: Date): void {
    if (press.kind !== 'rating') {
      this.log.debug({ keypad: this.name, address, press }, 'caller key on an evaluation keypad; ignored');
      return;
    }
    this.emit('rating', { level: press.level, address, at } satisfies RatingEvent);
  }

}
