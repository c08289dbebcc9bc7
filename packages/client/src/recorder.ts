// Writing a recording (format v2, docs/format.md) while the program runs, so that a killed
// process leaves a file that opens: the header goes out first, every block the moment it is
// complete, and the open block is sealed at least every FLUSH_MS of wall time and at the end.
import { closeSync, openSync, writeSync } from 'node:fs';
import { EventLog, RecordingWriter } from '@refscope/engine';
import type { RunObserver } from './execute.js';
import { UserError } from './program.js';

/** The longest a completed event may wait in memory before it reaches the file. */
const FLUSH_MS = 100;

export class Recorder implements RunObserver {
  private fd: number;
  private writer: RecordingWriter | null = null;
  private lastFlush = 0;
  /** A write that failed while the program ran (a full disk): reported by end(), not mid-run. */
  private failed: UserError | null = null;

  /**
   * With `discard`, the log's events are dropped once encoded (EventLog.discard): memory stays
   * flat and the engine writes into pages already mapped. Only for a run nobody reads back.
   */
  constructor(
    private readonly file: string,
    private readonly info: { program: string; source: string },
    private readonly options: { discard?: boolean } = {},
  ) {
    try {
      this.fd = openSync(file, 'w');
    } catch (err) {
      throw new UserError(`refscope: cannot write recording '${file}': ${(err as Error).message}`);
    }
  }

  private log: EventLog | null = null;

  start(log: EventLog): void {
    this.log = log;
    this.writer = new RecordingWriter(log, this.info);
    this.write([this.writer.header()]);
    this.lastFlush = performance.now();
  }

  slice(): void {
    const w = this.writer;
    if (!w || this.failed) return;
    const now = performance.now();
    if (now - this.lastFlush >= FLUSH_MS) {
      this.lastFlush = now;
      this.write(w.flush());
    } else {
      this.write(w.take());
    }
    if (this.options.discard && !this.failed) this.log!.discard(w.eventsEncoded);
  }

  /** Writes the last block and the index, and closes the file (an engine that never started leaves an empty run). */
  end(): void {
    if (!this.writer) this.start(new EventLog());
    if (!this.failed) this.write(this.writer!.end());
    closeSync(this.fd);
    if (this.failed) throw this.failed;
  }

  private write(chunks: Uint8Array[]): void {
    if (this.failed) return;
    try {
      for (const c of chunks) for (let off = 0; off < c.length; ) off += writeSync(this.fd, c, off);
    } catch (err) {
      this.failed = new UserError(`refscope: cannot write recording '${this.file}': ${(err as Error).message}`);
    }
  }
}
