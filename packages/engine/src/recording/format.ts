// The recording file's framing: magic numbers, the header, and where strings live.
// docs/format.md is the reader's description of the same layout; keep the two in step.
import { ByteReader, ByteWriter, FormatError } from './bytes.js';
import { crc32 } from './crc32.js';

/** The first 8 bytes of every recording (format 1, the client's first format, starts the same way). */
export const MAGIC = 'REFSCOPE';
/** This codec's format version (bytes 8..11, uint32 LE). */
export const FORMAT_VERSION = 2;
/** The engine release that wrote a recording, stored in its header. */
export const ENGINE_VERSION = '0.1.0';
/** Marks the start of a block of events. */
export const BLOCK_MARKER = 'RSBK';
/** Marks the start of the optional index at the end. */
export const INDEX_MARKER = 'RSIX';
/** The last 4 bytes of a file whose index was written. */
export const INDEX_END = 'RSIE';
/** String table strategy 1: each block carries the strings its events are the first to use. */
export const STRINGS_PER_BLOCK = 1;
/** Events per block unless the writer is told otherwise. */
export const BLOCK_EVENTS = 8192;

/** What the header says about a recording. */
export interface RecordingInfo {
  /** The program's name as given (`x.py`), never a resolved host path. */
  program: string;
  /** The program's source text. */
  source: string;
  /** The engine release that wrote the file. */
  engineVersion: string;
}

export interface RecordingHeader extends RecordingInfo {
  formatVersion: number;
  stringStrategy: number;
  /** The writer's block size K (blocks also end where it was told to flush). */
  blockEvents: number;
  /** Bytes of the header, so the first block starts here. */
  size: number;
}

export function marker(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

export function writeMarker(out: ByteWriter, text: string): void {
  for (let k = 0; k < text.length; k++) out.byte(text.charCodeAt(k));
}

export function encodeHeader(info: RecordingInfo, blockEvents: number): Uint8Array {
  const body = new ByteWriter(64 + info.source.length * 3);
  body.str(info.engineVersion);
  body.str(info.program);
  body.str(info.source);
  body.uint(STRINGS_PER_BLOCK);
  body.uint(blockEvents);
  const out = new ByteWriter(body.length + 20);
  writeMarker(out, MAGIC);
  out.u32(FORMAT_VERSION);
  out.u32(body.length);
  out.raw(body.bytes.subarray(0, body.length));
  out.u32(crc32(body.bytes, 0, body.length));
  return out.take();
}

/** Parses the header at the start of `bytes`; throws FormatError naming the offset of what is wrong. */
export function decodeHeader(bytes: Uint8Array): RecordingHeader {
  const n = Math.min(bytes.length, MAGIC.length);
  for (let k = 0; k < n; k++) {
    if (bytes[k] !== MAGIC.charCodeAt(k)) throw new FormatError(k, 'not a refscope recording (bad magic number)');
  }
  if (bytes.length < 16) throw new FormatError(bytes.length, 'the file ends inside its header');
  const r = new ByteReader(bytes, 8);
  const version = r.u32();
  if (version !== FORMAT_VERSION) {
    throw new FormatError(8, `format version ${version} is not supported (this reader reads version ${FORMAT_VERSION})`);
  }
  const length = r.u32();
  if (length > bytes.length - 20) throw new FormatError(bytes.length, 'the file ends inside its header');
  const end = 16 + length;
  const sum = new ByteReader(bytes, end).u32();
  if (sum !== crc32(bytes, 16, end)) throw new FormatError(16, 'the header is corrupt (checksum mismatch)');
  const body = new ByteReader(bytes, 16, end);
  const engineVersion = body.str();
  const program = body.str();
  const source = body.str();
  const stringStrategy = body.uint();
  const blockEvents = body.uint();
  if (stringStrategy !== STRINGS_PER_BLOCK) throw new FormatError(16, `unknown string table strategy ${stringStrategy}`);
  return { formatVersion: version, engineVersion, program, source, stringStrategy, blockEvents, size: end + 4 };
}
