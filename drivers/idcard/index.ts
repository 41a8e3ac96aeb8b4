// The 居民身份证 reader's public API: what the agent imports.
export * from './frame-codec.js';
export { SamFrameParser, type SamFrame, type SamParserWarning } from './frame-parser.js';
export * from './card-text.js';
export { IdCardReader, type IdCardReaderHealth, type IdCardReaderOptions, type IdCardReaderEvents } from './reader.js';
