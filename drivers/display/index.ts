// LED window displays: what the agent imports.
export * from './content.js';
export * from './types.js';
export { LedDisplay, type LedDisplayOptions } from './led-display.js';
export { onbonCodec, framedCodec } from './codecs.js';
export { createLedDisplay, ledDisplayConfigSchema, type LedDisplayConfig } from './config.js';
export {
  framedCodecSpecSchema,
  parseFramedCodecSpec,
  EXAMPLE_AA55_XOR,
  EXAMPLE_STX_ETX_MODBUS,
  type FramedCodecSpec,
  type FramedCodecSpecInput,
} from './framed.js';
export { DisplayTextError } from './text-encoding.js';
