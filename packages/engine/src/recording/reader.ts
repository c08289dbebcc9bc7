// readRecording: bytes of a recording → its header, an EventLog of every good block, and what was lost.
//
// The reader walks the blocks from the header on. A block is accepted only whole: its marker, its
// length within the file, its CRC-32, its place in the sequence (first event and first string
// follow the previous block's) and a clean decode. The first block that fails ends the walk:
// a block running past the end of the file is a cut (a killed writer, a full disk); anything
// else is damage. Either way the caller gets every block before it and a report of the bytes
// after it. Problems in the header are errors (FormatError, naming the byte offset): without a
// header nothing can be trusted.
import { EventLog } from '../events/log.js';
import type { EventKind } from '../events/kinds.js';
import { ByteReader, FormatError } from './bytes.js';
import { crc32 } from './crc32.js';
import { Context, decodeEvents } from './events.js';
import { BLOCK_MARKER, INDEX_END, INDEX_MARKER, decodeHeader, marker, type RecordingHeader } from './format.js';
import type { BlockInfo } from './writer.js';

export interface RecordingLoss {
  /** 'truncated': the file ends inside a block; 'corrupt': a block failed its checks. */
  reason: 'truncated' | 'corrupt';
  /** Byte offset of the first block not recovered. */
  offset: number;
  /** Bytes from there to the end of the file. */
  bytes: number;
  /** What was wrong, with the offset, for a warning. */
  message: string;
}

export interface Recording {
  header: RecordingHeader;
  log: EventLog;
  /** Every recovered block: the index rebuilt from the blocks themselves. */
  blocks: BlockInfo[];
  /** null when the whole file was read. */
  lost: RecordingLoss | null;
  /**
   * Where the last recovered block ends. To repair a file, keep bytes [0, end) and append
   * `encodeIndex(blocks, log.length, end)`.
   */
  end: number;
  /** The index trailer: present and matching the blocks, absent, or damaged or not matching (rebuild it). */
  index: 'ok' | 'missing' | 'stale';
}

/**
 * Reads a recording. Throws FormatError (its message names the byte offset) for a foreign file,
 * an unsupported version or a damaged or cut header; otherwise returns what could be recovered.
 */
export function readRecording(bytes: Uint8Array): Recording {
  const header = decodeHeader(bytes);
  const log = new EventLog();
  const blocks: BlockInfo[] = [];
  let scratch = new Int32Array(5 * 1024);
  let pos = header.size;
  let lost: RecordingLoss | null = null;
  let index: Recording['index'] = 'missing';
  const known = new Set<string>();
  const loss = (reason: RecordingLoss['reason'], at: number, what: string): RecordingLoss => ({
    reason,
    offset: at,
    bytes: bytes.length - at,
    message: `at byte ${at}: ${what}; ${bytes.length - at} bytes after it were not recovered`,
  });
  while (pos < bytes.length) {
    if (marker(bytes, pos, INDEX_MARKER)) {
      // The index is optional: a damaged, cut or out-of-date one loses nothing but itself.
      index = checkIndex(bytes, pos, blocks, log.length);
      break;
    }
    if (bytes.length - pos < 8) {
      if (bytes.length - pos >= 3 && prefixOf(bytes, pos, INDEX_MARKER)) {
        index = 'stale'; // an index cut short ("RS" alone could start either: counted as a cut block)
        break;
      }
      lost = loss('truncated', pos, 'the file ends inside a block');
      break;
    }
    if (!marker(bytes, pos, BLOCK_MARKER)) {
      lost = loss('corrupt', pos, 'expected a block marker');
      break;
    }
    const length = new ByteReader(bytes, pos + 4).u32();
    const bodyStart = pos + 8;
    const bodyEnd = bodyStart + length;
    if (bodyEnd + 4 > bytes.length) {
      lost = loss('truncated', pos, 'the file ends inside a block');
      break;
    }
    const sum = new ByteReader(bytes, bodyEnd).u32();
    if (sum !== crc32(bytes, bodyStart, bodyEnd)) {
      lost = loss('corrupt', pos, 'block checksum mismatch');
      break;
    }
    try {
      const r = new ByteReader(bytes, bodyStart, bodyEnd);
      const first = r.uint();
      const count = r.uint();
      if (first !== log.length) r.fail(`block starts at event ${first}, expected ${log.length}`, bodyStart);
      const firstString = r.uint();
      const nStrings = r.uint();
      if (firstString !== log.strings.length) r.fail(`block starts at string ${firstString}, expected ${log.strings.length}`, bodyStart);
      if (nStrings > r.remaining || count > r.remaining) r.fail('block counts exceed its length', bodyStart);
      const strings: string[] = [];
      const fresh = new Set<string>();
      for (let s = 0; s < nStrings; s++) {
        const at = r.pos;
        const text = r.str();
        if (known.has(text) || fresh.has(text)) r.fail('block repeats a string of the table', at);
        strings.push(text);
        fresh.add(text);
      }
      if (count * 5 > scratch.length) scratch = new Int32Array(count * 5);
      decodeEvents(r, new Context(), count, scratch);
      if (r.remaining !== 0) r.fail('block has bytes after its last event');
      // Accept the block: its strings extend the table, its events the log.
      for (const s of strings) {
        log.str(s);
        known.add(s);
      }
      for (let k = 0, o = 0; k < count; k++, o += 5) {
        log.push(scratch[o] as EventKind, scratch[o + 1], scratch[o + 2], scratch[o + 3], scratch[o + 4]);
      }
      blocks.push({ offset: pos, firstEvent: first, count });
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      lost = loss('corrupt', pos, e.message.replace(/^at byte \d+: /, ''));
      break;
    }
    pos = bodyEnd + 4;
  }
  const last = blocks[blocks.length - 1];
  const end = last ? last.offset + 12 + new ByteReader(bytes, last.offset + 4).u32() : header.size;
  return { header, log, blocks, lost, index, end };
}

/** bytes[at..] (shorter than `text`) is where `text` would start. */
function prefixOf(bytes: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; at + k < bytes.length; k++) if (k >= text.length || bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Checks the index trailer at `at` against the blocks read. */
function checkIndex(bytes: Uint8Array, at: number, blocks: readonly BlockInfo[], total: number): 'ok' | 'stale' {
  try {
    const found = parseIndex(bytes, at);
    if (found.end !== bytes.length || found.total !== total || found.blocks.length !== blocks.length) return 'stale';
    for (let k = 0; k < blocks.length; k++) {
      const a = found.blocks[k]!;
      const b = blocks[k]!;
      if (a.offset !== b.offset || a.count !== b.count || a.firstEvent !== b.firstEvent) return 'stale';
    }
    return 'ok';
  } catch (e) {
    if (e instanceof FormatError) return 'stale';
    throw e;
  }
}

function parseIndex(bytes: Uint8Array, at: number): { blocks: BlockInfo[]; total: number; end: number } {
  const r = new ByteReader(bytes, at + 4);
  const length = r.u32();
  const bodyStart = r.pos;
  const bodyEnd = bodyStart + length;
  if (bodyEnd + 12 > bytes.length) r.fail('the index runs past the end of the file', at);
  if (new ByteReader(bytes, bodyEnd).u32() !== crc32(bytes, bodyStart, bodyEnd)) r.fail('index checksum mismatch', at);
  const body = new ByteReader(bytes, bodyStart, bodyEnd);
  const n = body.uint();
  if (n > body.remaining) body.fail('index block count exceeds its length');
  const blocks: BlockInfo[] = [];
  let offset = 0;
  let first = 0;
  for (let k = 0; k < n; k++) {
    offset += body.uint();
    const count = body.uint();
    blocks.push({ offset, firstEvent: first, count });
    first += count;
  }
  const total = body.uint();
  const tail = new ByteReader(bytes, bodyEnd + 4);
  if (tail.u32() !== at || !marker(bytes, bodyEnd + 8, INDEX_END)) r.fail('index trailer mismatch', at);
  return { blocks, total, end: bodyEnd + 12 };
}

/**
 * The index at the end of a complete recording, read without decoding any block (fast opening:
 * event count and block offsets). null when the file has no valid index; readRecording then
 * rebuilds it from the blocks.
 */
export function readIndex(bytes: Uint8Array): { blocks: BlockInfo[]; total: number } | null {
  if (bytes.length < 8 || !marker(bytes, bytes.length - 4, INDEX_END)) return null;
  const at = new ByteReader(bytes, bytes.length - 8).u32();
  if (at >= bytes.length || !marker(bytes, at, INDEX_MARKER)) return null;
  try {
    const found = parseIndex(bytes, at);
    return found.end === bytes.length ? { blocks: found.blocks, total: found.total } : null;
  } catch (e) {
    if (e instanceof FormatError) return null;
    throw e;
  }
}
