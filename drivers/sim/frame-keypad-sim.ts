// Simulated keypads speaking a frame-codec spec (default: HallQ reference framing).
import { DEFAULT_KEYPAD_FRAME_SPEC, ackFrame, commandName, decodeText, reportFrame, type KeypadFrame, type KeypadFrameSpec } from '../keypad/frame-codec.js';
import { KeypadFrameParser } from '../keypad/frame-parser.js';
import { KeypadSimBase, type KeypadSimOptions } from './keypad-sim-base.js';
/** Keypads speaking a frame-codec spec (default: HallQ reference framing). */
export class FrameKeypadSim extends KeypadSimBase {
  protected readonly counterMask = 0xff;
  readonly #spec: KeypadFrameSpec;
  #parser: KeypadFrameParser;

  constructor(options: KeypadSimOptions & { spec?: KeypadFrameSpec }) {
    super(options);
    this.#spec = options.spec ?? DEFAULT_KEYPAD_FRAME_SPEC;
    this.#parser = this.#newParser();
  }

  protected override onOpen(): void {
    this.#parser = this.#newParser();
  }

  protected receive(chunk: Buffer): void {
    this.#parser.write(chunk);
  }

  #newParser(): KeypadFrameParser {
    const parser = new KeypadFrameParser(this.#spec, { onWarning: (w) => this.emit('garbage', w.bytes) });
    parser.on('data', (frame: KeypadFrame) => this.guard(this.#handle(frame)));
    return parser;
  }

  async #handle(frame: KeypadFrame): Promise<void> {
    const d = this.answering(frame.address);
    if (!d) return;
    const spec = this.#spec;
    const name = commandName(spec, frame.command);
    switch (name) {
      case 'poll':
        d.polls++;
        this.emit('poll', d.address);
        if (spec.report.counter) {
          await this.write(reportFrame(spec, d.address, d.last, d.counter));
        } else {
          // No counter: report the key while "held", then idle, as an edge-reporting keypad does.
          const press = d.held > 0 ? d.last : null;
          d.held = Math.max(0, d.held - 1);
          await this.write(reportFrame(spec, d.address, press));
        }
        return;
      case 'welcome':
      case 'prompt':
      case 'thanks':
        this.applyCommand(d, { kind: name, text: decodeText(spec, frame.data) });
        break;
      case 'showNumber':
        this.applyCommand(d, { kind: 'showNumber', number: frame.data.toString('latin1') });
        break;
      case 'report':
      case 'ack':
      case undefined:
        return; // another device's reply, or nothing we know: a slave keeps quiet
      default: {
        const never: never = name;
        return never;
      }
    }
    if (spec.commands.ack !== null) await this.write(ackFrame(spec, d.address, frame.command));
  }
}
