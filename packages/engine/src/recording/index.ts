// The recording codec: pure bytes in, bytes out (the client does the file I/O). See docs/format.md.
export { RecordingWriter, encodeRecording, encodeIndex } from './writer.js';
export type { BlockInfo, WriterOptions } from './writer.js';
export { readRecording, readIndex } from './reader.js';
export type { Recording, RecordingLoss } from './reader.js';
export { FormatError } from './bytes.js';
export { crc32 } from './crc32.js';
export {
  MAGIC, FORMAT_VERSION, ENGINE_VERSION, BLOCK_EVENTS, decodeHeader,
} from './format.js';
export type { RecordingInfo, RecordingHeader } from './format.js';
