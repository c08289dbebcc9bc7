// The recording codec: pure bytes in, bytes out (the client does the file I/O). See docs/format.md.
// Also the package's `@refscope/engine/recording` entry, with the event log the codec reads and
// fills: a program that only writes or reads recordings (the recorder's worker thread) loads this
// and not the interpreter.
export { EventLog, EVENT_WIDTH, LOG_PAGE_EVENTS, LOG_PAGE_MASK } from '../events/log.js';
export type { EventRecord } from '../events/log.js';
export { RecordingWriter, encodeRecording, encodeIndex } from './writer.js';
export type { BlockInfo, WriterOptions } from './writer.js';
export { readRecording, readIndex } from './reader.js';
export type { Recording, RecordingLoss } from './reader.js';
export { FormatError } from './bytes.js';
export { crc32, useNativeCrc32 } from './crc32.js';
export {
  MAGIC, FORMAT_VERSION, ENGINE_VERSION, BLOCK_EVENTS, decodeHeader,
} from './format.js';
export type { RecordingInfo, RecordingHeader } from './format.js';
