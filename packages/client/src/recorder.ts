// Recording a run while the program runs (format v2, docs/format.md), so that a killed process
// leaves a file that opens: the header goes out first, every block the moment it is complete,
// and the open block is sealed at least every FLUSH_MS of wall time and at the end (BlockFile).
//
// From the shipped bundle the encoding and writing happen on a worker thread (record-worker.js):
// after each slice of the run the main thread hands over the log's complete pages (shared memory,
// not copied) and a copy of the rest, and the worker sends the pages back to be filled again. The
// interpreter's thread then pays only for that hand-over, and the recording is the same bytes
// (block boundaries that the FLUSH_MS timer sets aside). Run from source (tests), or when the
// worker cannot start, the same BlockFile runs on the main thread after each slice.
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EventLog } from '@refscope/engine';
import type { RunObserver } from './execute.js';
import { UserError } from './program.js';
import { BlockFile, type RecordingInfo } from './record-file.js';
import type { EventsMessage, WorkerData } from './record-worker.js';

export interface RecorderOptions {
  /**
   * Let the log drop its events once they are written (EventLog.discard/detach): memory stays
   * flat and the engine fills pages already mapped. Only for a run nobody reads back.
   */
  discard?: boolean;
  /** Encode on a worker thread when the worker bundle is there (default true). */
  thread?: boolean;
}

/** The worker's script: next to the bundle this module was built into (dist/cli.js). */
const WORKER_FILE = (() => {
  try {
    const url = new URL('./record-worker.js', import.meta.url);
    return url.protocol === 'file:' ? fileURLToPath(url) : null;
  } catch {
    return null;
  }
})();

export class Recorder implements RunObserver {
  private readonly fd: number;
  private log: EventLog | null = null;
  /** The writer when it runs on this thread. */
  private blocks: BlockFile | null = null;
  private worker: Worker | null = null;
  /** Events and strings of the log already sent to the worker. */
  private sent = 0;
  private stringsSent = 0;
  /** Whether the engine should allocate its log's pages shared (the worker reads them in place). */
  get sharedEvents(): boolean {
    return this.worker !== null;
  }
  /** Settles when the worker has written everything: the error of a failed write, or null. */
  private done: Promise<string | null> | null = null;

  constructor(
    private readonly file: string,
    private readonly info: RecordingInfo,
    private readonly options: RecorderOptions = {},
  ) {
    try {
      this.fd = openSync(file, 'w');
    } catch (err) {
      throw new UserError(`refscope: cannot write recording '${file}': ${(err as Error).message}`);
    }
    // Started before the engine, so the worker loads while the program is parsed and compiled.
    if (options.thread !== false && WORKER_FILE !== null && existsSync(WORKER_FILE)) this.spawn(WORKER_FILE);
  }

  start(log: EventLog): void {
    this.log = log;
    if (this.worker === null) this.blocks = new BlockFile(this.fd, log, this.info);
  }

  slice(): void {
    if (this.worker !== null) {
      this.send('events');
      return;
    }
    const blocks = this.blocks!;
    blocks.advance();
    if (this.options.discard && blocks.failed === null) this.log!.discard(blocks.writer.eventsEncoded);
  }

  /** Writes the last block and the index, and closes the file (an engine that never started leaves an empty run). */
  async end(): Promise<void> {
    if (this.log === null) this.start(new EventLog());
    let failed: string | null;
    if (this.worker !== null) {
      this.send('end');
      failed = await this.done!;
    } else {
      this.blocks!.end();
      failed = this.blocks!.failed;
    }
    closeSync(this.fd);
    if (failed !== null) throw new UserError(`refscope: cannot write recording '${this.file}': ${failed}`);
  }

  private spawn(script: string): void {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { fd: this.fd, ...this.info } satisfies WorkerData });
    } catch {
      return; // the main thread writes instead
    }
    this.worker = worker;
    this.done = new Promise((resolve) => {
      worker.on('message', (m: { type: 'pages'; pages: Int32Array[] } | { type: 'done'; error: string | null }) => {
        if (m.type === 'pages') {
          for (const p of m.pages) this.log?.recycle(p);
        } else {
          resolve(m.error);
        }
      });
      worker.on('error', (err) => resolve(`the recording thread failed: ${err.message}`));
      worker.on('exit', () => resolve('the recording thread stopped before the end of the run'));
    });
  }

  /** Hands the log's new events and strings to the worker: complete pages moved, the rest copied. */
  private send(type: EventsMessage['type']): void {
    const log = this.log!;
    const n = log.length;
    const chunks: EventsMessage['chunks'] = [];
    // Detached pages are shared memory (sharedEvents): posting one shares it, nothing is copied.
    if (this.options.discard) for (const { first, page } of log.detach(n)) chunks.push({ first, records: page });
    const from = Math.max(this.sent, log.start);
    if (n > from) chunks.push({ first: from, records: log.copyRecords(from, n) });
    this.sent = n;
    const strings = log.strings.slice(this.stringsSent);
    this.stringsSent = log.strings.length;
    const message: EventsMessage = { type, chunks, strings };
    this.worker!.postMessage(message);
  }
}
