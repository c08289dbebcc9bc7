// RecordingWriter: turns a growing EventLog into the bytes of a recording, block by block.
//
// The caller appends as the program runs and writes each completed block at once, so a killed
// process leaves a file that opens with every block it completed:
//
//   const w = new RecordingWriter(engine.log, { program, source });
//   file.write(w.header());
//   ... engine.run(slice); for (const b of w.take()) file.write(b);   // blocks of K events
//   ... on a pause or a timer: const b = w.flush(); if (b) file.write(b);
//   for (const b of w.end()) file.write(b);                          // last block + index
//
// Block boundaries depend only on the event sequence and the flush calls, never on how the
// caller slices its run, so a program recorded twice without pauses gives identical bytes.
import { EVENT_WIDTH, LOG_PAGE_MASK, type EventLog } from '../events/log.js';
import { ByteWriter } from './bytes.js';
import { crc32 } from './crc32.js';
import { Context, encodeRecords } from './events.js';
import {
  BLOCK_EVENTS, BLOCK_MARKER, ENGINE_VERSION, INDEX_END, INDEX_MARKER, encodeHeader, writeMarker,
  type RecordingInfo,
} from './format.js';

/** A uint32, little-endian, at bytes[at]. */
function putU32(bytes: Uint8Array, at: number, n: number): void {
  bytes[at] = n & 0xff;
  bytes[at + 1] = (n >>> 8) & 0xff;
  bytes[at + 2] = (n >>> 16) & 0xff;
  bytes[at + 3] = (n >>> 24) & 0xff;
}

/** Where a block sits in the file and which events it holds. */
export interface BlockInfo {
  offset: number;
  firstEvent: number;
  count: number;
}

export interface WriterOptions {
  /** Events per block (K). Default BLOCK_EVENTS. */
  blockEvents?: number;
}

export class RecordingWriter {
  readonly blockEvents: number;
  /** Blocks sealed so far, with their offsets in the file. */
  readonly blocks: BlockInfo[] = [];
  private readonly info: RecordingInfo;
  private readonly events = new ByteWriter(1 << 16);
  private readonly frame = new ByteWriter(1 << 16);
  /** The prediction context of the open block (reset for every block). */
  private readonly ctx = new Context();
  /** Events of the log already encoded. */
  private next = 0;
  private blockStart = 0;
  /** Strings of the log's table already carried by a block. */
  private stringsOut = 0;
  /** The highest string index the open block refers to. */
  private maxString = -1;
  private offset = 0;
  private headerDone = false;
  private ended = false;

  constructor(
    private readonly log: EventLog,
    info: Omit<RecordingInfo, 'engineVersion'> & { engineVersion?: string },
    options: WriterOptions = {},
  ) {
    this.info = { program: info.program, source: info.source, engineVersion: info.engineVersion ?? ENGINE_VERSION };
    this.blockEvents = Math.max(1, options.blockEvents ?? BLOCK_EVENTS);
  }

  /** Events written to sealed blocks. */
  get eventsWritten(): number {
    return this.blockStart;
  }

  /** Events encoded so far (sealed or in the open block): the writer never reads the log before this again. */
  get eventsEncoded(): number {
    return this.next;
  }

  /** Bytes handed out so far (header, blocks, index). */
  get bytesWritten(): number {
    return this.offset;
  }

  /** The header's bytes; call once, before anything else is written. */
  header(): Uint8Array {
    if (this.headerDone) throw new Error('RecordingWriter.header() was already called');
    this.headerDone = true;
    const h = encodeHeader(this.info, this.blockEvents);
    this.offset += h.length;
    return h;
  }

  /** Encodes the log's new events and returns the blocks they completed (each K events). */
  take(): Uint8Array[] {
    this.mustBeOpen();
    const out: Uint8Array[] = [];
    const log = this.log;
    const strings = log.strings.length;
    const k = this.blockEvents;
    const ev = this.events;
    const ctx = this.ctx;
    const end = log.length;
    let i = this.next;
    let maxString = this.maxString;
    while (i < end) {
      // Walk the log's pages directly: up to the end of this page, the log, or the open block.
      const stop = Math.min(end, (i | LOG_PAGE_MASK) + 1, this.blockStart + k);
      maxString = encodeRecords(ev, ctx, log.pageOf(i), (i & LOG_PAGE_MASK) * EVENT_WIDTH, stop - i, maxString, strings);
      i = stop;
      this.next = i;
      if (i - this.blockStart === k) {
        this.maxString = maxString;
        out.push(this.seal(maxString + 1));
        maxString = -1;
      }
    }
    this.maxString = maxString;
    return out;
  }

  /** Encodes the new events and closes the open block even if it holds fewer than K (a pause, a timer). */
  flush(): Uint8Array[] {
    const out = this.take();
    if (this.next > this.blockStart) out.push(this.seal(this.maxString + 1));
    return out;
  }

  /** Flushes, carries any strings no event used, and appends the index. The writer is done. */
  end(): Uint8Array[] {
    const out = this.take();
    if (this.next > this.blockStart || this.stringsOut < this.log.strings.length) out.push(this.seal(this.log.strings.length));
    out.push(this.index());
    this.ended = true;
    return out;
  }

  private mustBeOpen(): void {
    if (!this.headerDone) throw new Error('RecordingWriter: write the header first');
    if (this.ended) throw new Error('RecordingWriter: the recording was ended');
  }

  /**
   * Encodes the new events and returns the open block as it stands, complete and checksummed,
   * without closing it (null when it holds no event): a provisional tail a file may hold until
   * the block is sealed, so that a crash loses nothing while the block boundaries, and so the
   * file's bytes, stay independent of when it was written.
   */
  peek(): Uint8Array | null {
    this.take();
    if (this.next === this.blockStart) return null;
    return this.build(this.maxString + 1).bytes;
  }

  /** The bytes of the open block, carrying the strings up to (not including) `stringsTo`. */
  private build(stringsTo: number): { bytes: Uint8Array; to: number } {
    // The body is this prefix (first event, count, the strings) and the encoded events; the
    // block is marker, body length, body, CRC-32 of the body, assembled with one copy of each.
    const f = this.frame;
    f.reset();
    const count = this.next - this.blockStart;
    f.uint(this.blockStart);
    f.uint(count);
    const from = this.stringsOut;
    const to = Math.max(from, stringsTo);
    f.uint(from);
    f.uint(to - from);
    for (let s = from; s < to; s++) f.str(this.log.strings[s]!);
    const events = this.events;
    const bodyLength = f.length + events.length;
    const bytes = new Uint8Array(8 + bodyLength + 4);
    for (let k = 0; k < 4; k++) bytes[k] = BLOCK_MARKER.charCodeAt(k);
    putU32(bytes, 4, bodyLength);
    bytes.set(f.bytes.subarray(0, f.length), 8);
    bytes.set(events.bytes.subarray(0, events.length), 8 + f.length);
    putU32(bytes, 8 + bodyLength, crc32(bytes, 8, 8 + bodyLength));
    return { bytes, to };
  }

  /** Closes the open block, carrying the strings up to (not including) `stringsTo`. */
  private seal(stringsTo: number): Uint8Array {
    const { bytes, to } = this.build(stringsTo);
    this.blocks.push({ offset: this.offset, firstEvent: this.blockStart, count: this.next - this.blockStart });
    this.offset += bytes.length;
    this.stringsOut = to;
    this.blockStart = this.next;
    this.maxString = -1;
    this.events.reset();
    this.ctx.reset();
    return bytes;
  }

  private index(): Uint8Array {
    const bytes = encodeIndex(this.blocks, this.blockStart, this.offset);
    this.offset += bytes.length;
    return bytes;
  }
}

/**
 * The index trailer for `blocks` (a file of `total` events whose blocks end at byte `at`):
 * marker, body length, body, CRC-32 of the body, the marker's offset, "RSIE".
 * Readers rebuild it when it is missing or stale; a client may append a fresh one.
 */
export function encodeIndex(blocks: readonly BlockInfo[], total: number, at: number): Uint8Array {
  const f = new ByteWriter(64 + blocks.length * 6);
  writeMarker(f, INDEX_MARKER);
  f.u32(0);
  const bodyStart = f.length;
  f.uint(blocks.length);
  let prev = 0;
  for (const b of blocks) {
    f.uint(b.offset - prev);
    f.uint(b.count);
    prev = b.offset;
  }
  f.uint(total);
  const bodyEnd = f.length;
  f.patchU32(bodyStart - 4, bodyEnd - bodyStart);
  f.u32(crc32(f.bytes, bodyStart, bodyEnd));
  f.u32(at);
  writeMarker(f, INDEX_END);
  return f.take();
}

/** A whole log as one recording (tests, tools, a finished run held in memory). */
export function encodeRecording(
  log: EventLog,
  info: Omit<RecordingInfo, 'engineVersion'> & { engineVersion?: string },
  options: WriterOptions = {},
): Uint8Array {
  const w = new RecordingWriter(log, info, options);
  const parts = [w.header(), ...w.end()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
