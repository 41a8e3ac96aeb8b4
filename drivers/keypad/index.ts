// The keypads' public API: what the agent and the demo hall import.
export * from './types.js';
export {
  DEFAULT_KEYPAD_FRAME_SPEC,
  keypadFrameSpecSchema,
  parseKeypadFrameSpec,
  type KeypadFrameSpec,
  type KeypadFrameSpecInput,
  type KeypadFrame,
} from './frame-codec.js';
export { KeypadFrameParser, type ParserWarning } from './frame-parser.js';
export { FrameKeypadLink, type FrameKeypadLinkOptions } from './frame-link.js';
export {
  DEFAULT_MODBUS_KEYPAD_MAP,
  ModbusKeypadLink,
  modbusKeypadMapSchema,
  parseModbusKeypadMap,
  type ModbusKeypadLinkOptions,
  type ModbusKeypadMap,
  type ModbusKeypadMapInput,
} from './modbus.js';
export { EvaluationKeypadDriver, type EvaluationKeypadOptions } from './evaluation-keypad.js';
export { CallerKeypadDriver, type CallerKeypadOptions } from './caller-keypad.js';
export { createKeypads, keypadLineConfigSchema, parseKeypadLineConfig, type KeypadLine, type KeypadLineConfig, type KeypadLineConfigInput } from './config.js';
