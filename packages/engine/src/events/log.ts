// The event log: an append-only sequence of fixed-width integer records.
//
// Recording must be cheap, because a run emits millions of events. Each event is five int32s
// (kind, a, b, c, d) written into pages of a preallocated Int32Array, so emitting an event
// allocates nothing; a string is stored once in the string table and referenced by index.
// Index i is the event's sequence number (contracts.md: events are numbered from 0).
import type { EventKind } from './kinds.js';

/** Int32s per event: kind, a, b, c, d. */
export const EVENT_WIDTH = 5;
const WIDTH = EVENT_WIDTH;
const PAGE_BITS = 16;
/** Events per page: event i is at offset (i & LOG_PAGE_MASK) * EVENT_WIDTH of page(i). */
export const LOG_PAGE_EVENTS = 1 << PAGE_BITS; // 65,536 events (1.25 MiB) per page
const PAGE_EVENTS = LOG_PAGE_EVENTS;
export const LOG_PAGE_MASK = LOG_PAGE_EVENTS - 1;
const PAGE_MASK = LOG_PAGE_MASK;

const EMPTY_PAGE = new Int32Array(0);

/** One event, decoded. Reused by EventLog.read to avoid allocating per event. */
export interface EventRecord {
  kind: EventKind;
  a: number;
  b: number;
  c: number;
  d: number;
}

export class EventLog {
  /** The string table: event fields that name a string hold an index into it. */
  readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly pages: Int32Array[] = [];
  private page: Int32Array = new Int32Array(0);
  private pos = PAGE_EVENTS * WIDTH; // forces a first page
  private count = 0;
  /** Events before this index were given up by discard() (always a whole number of pages). */
  private first = 0;
  /** Pages discard() gave back, reused by push before it allocates. */
  private readonly spare: Int32Array[] = [];

  /** The index of the oldest event still held (0 unless discard() was called). */
  get start(): number {
    return this.first;
  }

  /**
   * With `shared`, pages live in SharedArrayBuffers, so a page handed to another thread (detach,
   * then postMessage) is shared rather than copied, and can come back to be filled again.
   */
  constructor(options: { shared?: boolean } = {}) {
    this.shared = options.shared === true;
  }

  private readonly shared: boolean;

  private newPage(): Int32Array {
    const page = this.spare.pop();
    if (page !== undefined) return page;
    return this.shared ? new Int32Array(new SharedArrayBuffer(PAGE_EVENTS * WIDTH * 4)) : new Int32Array(PAGE_EVENTS * WIDTH);
  }

  /** Number of events. */
  get length(): number {
    return this.count;
  }

  /** The index of `s` in the string table, adding it if new. */
  str(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** Appends an event and returns its index. */
  push(kind: EventKind, a = 0, b = 0, c = 0, d = 0): number {
    if (this.pos === PAGE_EVENTS * WIDTH) {
      this.page = this.newPage();
      this.pages.push(this.page);
      this.pos = 0;
    }
    const p = this.page;
    let o = this.pos;
    p[o++] = kind;
    p[o++] = a;
    p[o++] = b;
    p[o++] = c;
    p[o++] = d;
    this.pos = o;
    return this.count++;
  }

  /**
   * Gives up the events before `upTo` (whole pages of them; a partly older page is kept), for a
   * writer that has encoded them and a run nobody reads back: memory stays at a few pages however
   * long the run, and push reuses the pages, which are already mapped and likely cached. Indices
   * are unchanged; reading a discarded event is a RangeError.
   */
  discard(upTo: number): void {
    const pages = Math.min(upTo, this.count) >>> PAGE_BITS;
    for (let p = this.first >>> PAGE_BITS; p < pages; p++) {
      this.spare.push(this.pages[p]!);
      this.pages[p] = EMPTY_PAGE;
    }
    if (pages << PAGE_BITS > this.first) this.first = pages << PAGE_BITS;
  }

  /**
   * Like discard, but hands the pages over instead of keeping them for reuse: the complete pages
   * of events before `upTo` not yet given up, oldest first (page k holds events from
   * k * LOG_PAGE_EVENTS). The caller owns them (a recorder may transfer them to a worker thread).
   */
  detach(upTo: number): { first: number; page: Int32Array }[] {
    const pages = Math.min(upTo, this.count) >>> PAGE_BITS;
    const out: { first: number; page: Int32Array }[] = [];
    for (let p = this.first >>> PAGE_BITS; p < pages; p++) {
      out.push({ first: p << PAGE_BITS, page: this.pages[p]! });
      this.pages[p] = EMPTY_PAGE;
    }
    if (pages << PAGE_BITS > this.first) this.first = pages << PAGE_BITS;
    return out;
  }

  /** Gives the log a page to fill before it allocates another (one detach handed out and got back). */
  recycle(page: Int32Array): void {
    if (page.length === PAGE_EVENTS * WIDTH) this.spare.push(page);
  }

  /** A copy of the records of events [from, to), EVENT_WIDTH int32s each (events still held). */
  copyRecords(from: number, to: number): Int32Array {
    if (from < this.first || to > this.count || from > to) throw new RangeError(`events ${from}..${to} are not all held`);
    const out = new Int32Array((to - from) * WIDTH);
    let o = 0;
    for (let i = from; i < to; ) {
      const end = Math.min(to, (i | PAGE_MASK) + 1);
      const page = this.pages[i >>> PAGE_BITS]!;
      const at = (i & PAGE_MASK) * WIDTH;
      out.set(page.subarray(at, at + (end - i) * WIDTH), o);
      o += (end - i) * WIDTH;
      i = end;
    }
    return out;
  }

  /**
   * Appends records made elsewhere (copyRecords, a detached page): `records` holds events from
   * index `first` on, EVENT_WIDTH int32s each; those this log already has are skipped. A gap
   * (first beyond the end) is a RangeError. A whole page that lands on a page boundary becomes
   * the log's own page (the caller gives it up); anything else is copied.
   */
  append(first: number, records: Int32Array): void {
    if (first > this.count) throw new RangeError(`records from event ${first} leave a gap after event ${this.count - 1}`);
    const n = records.length / WIDTH;
    if (first === this.count && n === PAGE_EVENTS && this.pos === PAGE_EVENTS * WIDTH) {
      // A whole page that starts a page of this log: adopt it rather than copy it.
      this.page = records;
      this.pages.push(records);
      this.count += n;
      return;
    }
    for (let k = this.count - first; k < n; ) {
      if (this.pos === PAGE_EVENTS * WIDTH) {
        this.page = this.newPage();
        this.pages.push(this.page);
        this.pos = 0;
      }
      const take = Math.min(n - k, PAGE_EVENTS - this.pos / WIDTH);
      this.page.set(records.subarray(k * WIDTH, (k + take) * WIDTH), this.pos);
      this.pos += take * WIDTH;
      this.count += take;
      k += take;
    }
  }

  kind(i: number): EventKind {
    return this.pages[i >>> PAGE_BITS]![(i & PAGE_MASK) * WIDTH] as EventKind;
  }

  /** Fills `out` with event i and returns it. */
  read(i: number, out: EventRecord): EventRecord {
    if (i < this.first || i >= this.count) {
      throw new RangeError(i >= 0 && i < this.first ? `event ${i} was discarded` : `event ${i} is outside 0..${this.count - 1}`);
    }
    const p = this.pages[i >>> PAGE_BITS]!;
    const o = (i & PAGE_MASK) * WIDTH;
    out.kind = p[o] as EventKind;
    out.a = p[o + 1]!;
    out.b = p[o + 2]!;
    out.c = p[o + 3]!;
    out.d = p[o + 4]!;
    return out;
  }

  /**
   * The page holding event i (which must exist), for readers that walk many events: its record
   * starts at offset (i & LOG_PAGE_MASK) * EVENT_WIDTH, and the page holds events up to the next
   * multiple of LOG_PAGE_EVENTS.
   */
  pageOf(i: number): Int32Array {
    return this.pages[i >>> PAGE_BITS]!;
  }

  /** Event i as a fresh object. */
  get(i: number): EventRecord {
    return this.read(i, { kind: 0 as EventKind, a: 0, b: 0, c: 0, d: 0 });
  }
}
