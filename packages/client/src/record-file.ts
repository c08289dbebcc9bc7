// The writing half of a recording (format v2, docs/format.md): a RecordingWriter over a log whose
// blocks go to a file descriptor the moment they are complete, the open block sealed at least
// every FLUSH_MS of wall time and at the end, so a killed process leaves a file that opens. It runs
// in the main thread or in the recorder's worker thread (record-worker.ts), on the same bytes.
import { writeSync } from 'node:fs';
import { RecordingWriter, type EventLog } from '@refscope/engine';

/** The longest a completed event may wait in memory before it reaches the file. */
export const FLUSH_MS = 100;

export interface RecordingInfo {
  program: string;
  source: string;
}

export class BlockFile {
  readonly writer: RecordingWriter;
  private lastFlush: number;
  /** Why a write failed (a full disk), or null: after a failure nothing more is written. */
  failed: string | null = null;

  /** Writes the header at once. */
  constructor(
    private readonly fd: number,
    log: EventLog,
    info: RecordingInfo,
  ) {
    this.writer = new RecordingWriter(log, info);
    this.write([this.writer.header()]);
    this.lastFlush = performance.now();
  }

  /** Encodes the log's new events and writes the blocks they complete, and the open one if FLUSH_MS has passed. */
  advance(): void {
    if (this.failed !== null) return;
    const now = performance.now();
    if (now - this.lastFlush >= FLUSH_MS) {
      this.lastFlush = now;
      this.write(this.writer.flush());
    } else {
      this.write(this.writer.take());
    }
  }

  /** Writes the last block and the index. */
  end(): void {
    if (this.failed === null) this.write(this.writer.end());
  }

  private write(chunks: Uint8Array[]): void {
    if (this.failed !== null) return;
    try {
      for (const c of chunks) for (let off = 0; off < c.length; ) off += writeSync(this.fd, c, off);
    } catch (err) {
      this.failed = (err as Error).message;
    }
  }
}
