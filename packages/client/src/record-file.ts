// The writing half of a recording (format v2, docs/format.md): a RecordingWriter over a log whose
// blocks go to a file descriptor the moment they are complete (every K events), so a killed
// process leaves a file that opens. At least every FLUSH_MS of wall time the open block also goes
// to the file, as a provisional tail (complete and checksummed, so a crash loses nothing) that
// the next bytes overwrite: blocks are cut by event count only, and the same program recorded
// twice gives the same file whatever the timing. It runs in the main thread or in the
// recorder's worker thread (record-worker.ts), on the same bytes.
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import zlib from 'node:zlib';
import { RecordingWriter, useNativeCrc32, type EventLog } from '@refscope/engine/recording';

// Block checksums with zlib's CRC-32 where Node has it (the same numbers, computed natively).
if (typeof zlib.crc32 === 'function') useNativeCrc32(zlib.crc32);

/** The longest a completed event may wait in memory before it reaches the file. */
export const FLUSH_MS = 100;

export interface RecordingInfo {
  program: string;
  source: string;
}

export class BlockFile {
  readonly writer: RecordingWriter;
  private lastFlush: number;
  /** Where the next sealed bytes go: the end of the header and sealed blocks. */
  private pos = 0;
  /** The length of the provisional tail written at `pos` (0: none). */
  private tail = 0;
  /** A regular file takes positional writes; a pipe or a terminal gets the open block sealed instead. */
  private readonly seekable: boolean;
  /** Why a write failed (a full disk), or null: after a failure nothing more is written. */
  failed: string | null = null;

  /** Writes the header at once. */
  constructor(
    private readonly fd: number,
    log: EventLog,
    info: RecordingInfo,
  ) {
    this.writer = new RecordingWriter(log, info);
    this.seekable = fstatSync(fd).isFile();
    this.write([this.writer.header()]);
    this.lastFlush = performance.now();
  }

  /** Encodes the log's new events and writes the blocks they complete, and the open one if FLUSH_MS has passed. */
  advance(): void {
    if (this.failed !== null) return;
    this.write(this.writer.take());
    const now = performance.now();
    if (now - this.lastFlush >= FLUSH_MS) {
      this.lastFlush = now;
      if (this.seekable) this.provisional(this.writer.peek());
      else this.write(this.writer.flush());
    }
  }

  /** Writes the last block and the index. */
  end(): void {
    if (this.failed === null) this.write(this.writer.end());
  }

  /** Sealed bytes, at `pos`: over the provisional tail, if there is one, cutting what is left of it. */
  private write(chunks: Uint8Array[]): void {
    if (this.failed !== null || chunks.length === 0) return;
    try {
      for (const c of chunks) {
        for (let off = 0; off < c.length; ) off += writeSync(this.fd, c, off, c.length - off, this.seekable ? this.pos + off : null);
        this.pos += c.length;
      }
      if (this.tail > 0) {
        ftruncateSync(this.fd, this.pos);
        this.tail = 0;
      }
    } catch (err) {
      this.failed = (err as Error).message;
    }
  }

  /** The open block after the sealed bytes, to be overwritten by what follows it. */
  private provisional(block: Uint8Array | null): void {
    if (this.failed !== null || block === null) return;
    try {
      for (let off = 0; off < block.length; ) off += writeSync(this.fd, block, off, block.length - off, this.pos + off);
      if (block.length < this.tail) ftruncateSync(this.fd, this.pos + block.length);
      this.tail = block.length;
    } catch (err) {
      this.failed = (err as Error).message;
    }
  }
}
